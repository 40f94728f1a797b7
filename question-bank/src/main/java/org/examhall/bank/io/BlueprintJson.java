package org.examhall.bank.io;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.examhall.bank.blueprint.Blueprint;

/**
 * Blueprints as JSON, field for field as the records declare them. Reading checks only the shape;
 * {@link org.examhall.bank.blueprint.BlueprintValidator} checks the sense.
 */
public final class BlueprintJson {

    private static final TypeReference<List<Blueprint>> LIST = new TypeReference<>() {};

    private BlueprintJson() {}

    public static String write(Blueprint blueprint) throws IOException {
        return Jackson.MAPPER.writeValueAsString(blueprint);
    }

    public static Blueprint read(String json) throws IOException {
        return Jackson.MAPPER.readValue(json, Blueprint.class);
    }

    public static List<Blueprint> readList(InputStream json) throws IOException {
        return Jackson.MAPPER.readValue(json, LIST);
    }
}
