package org.examhall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The served /openapi.yaml is a valid OpenAPI 3 document (swagger-parser, the reference parser,
 * reports nothing) and says what every request body holds: a bare {type: object} tells a client
 * nothing. HttpBasicsTest checks that it names every route.
 */
class OpenApiDocumentTest {

    private final TestServer server = TestServer.shared();

    private SwaggerParseResult parsed() {
        HttpResponse<Buffer> response = server.client().get("/openapi.yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(response.bodyAsString(), null, options);
    }

    @Test
    void theDocumentValidatesAsOpenApi3WithoutAnyMessage() {
        SwaggerParseResult result = parsed();

        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void everyRequestBodySaysWhatItHolds() {
        OpenAPI api = parsed().getOpenAPI();
        List<String> bare = new ArrayList<>();
        int bodies = 0;
        for (var path : api.getPaths().entrySet()) {
            for (Map.Entry<?, Operation> operation :
                    path.getValue().readOperationsMap().entrySet()) {
                if (operation.getValue().getRequestBody() == null
                        || operation.getValue().getRequestBody().getContent() == null) {
                    continue;
                }
                for (Map.Entry<String, MediaType> content :
                        operation.getValue().getRequestBody().getContent().entrySet()) {
                    bodies++;
                    if (isBare(content.getValue().getSchema())) {
                        bare.add(operation.getKey() + " " + path.getKey() + " (" + content.getKey() + ")");
                    }
                }
            }
        }

        assertThat(bodies).as("request bodies in the document").isGreaterThan(25);
        assertThat(bare).as("request bodies documented only as {type: object}").isEmpty();
    }

    /** An object schema with no properties, no reference, no composition and no limit on its fields. */
    private static boolean isBare(Schema<?> schema) {
        return schema == null
                || schema.get$ref() == null
                        && "object".equals(schema.getType())
                        && (schema.getProperties() == null
                                || schema.getProperties().isEmpty())
                        && schema.getMaxProperties() == null
                        && schema.getAdditionalProperties() == null
                        && schema.getAllOf() == null
                        && schema.getOneOf() == null
                        && schema.getAnyOf() == null;
    }
}
