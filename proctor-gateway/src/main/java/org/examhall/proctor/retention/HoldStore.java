package org.examhall.proctor.retention;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The incident holds, in a JSON file under the gateway's data directory, replaced atomically on every
 * change so a crash leaves either the old or the new list, never none.
 */
public final class HoldStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final List<Hold> holds = new ArrayList<>();

    public HoldStore(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            holds.addAll(JSON.readValue(file.toFile(), new TypeReference<List<Hold>>() {}));
        }
    }

    public synchronized List<Hold> all() {
        return List.copyOf(holds);
    }

    public synchronized void add(Hold hold) throws IOException {
        if (holds.stream().anyMatch(h -> h.id().equals(hold.id()))) {
            throw new IllegalArgumentException("hold " + hold.id() + " exists already");
        }
        holds.add(hold);
        save();
    }

    public synchronized boolean remove(String id) throws IOException {
        boolean removed = holds.removeIf(h -> h.id().equals(id));
        if (removed) {
            save();
        }
        return removed;
    }

    public synchronized boolean holds(String room, String camera, Instant start, Instant end) {
        return holds.stream().anyMatch(h -> h.covers(room, camera, start, end));
    }

    private void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), holds);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
