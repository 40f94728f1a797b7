package org.examhall.proctor.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Segments as files under the archive root. A segment is recorded as {@code name.ts.part} next to its final
 * place and renamed atomically once closed, so a reader never sees a half-written {@code .ts} and a crash
 * leaves an unmistakable {@code .part} behind.
 */
public final class LocalSegmentStore implements SegmentStore {

    private final Path root;

    public LocalSegmentStore(Path root) {
        this.root = root;
    }

    @Override
    public Path stagingFile(String key) throws IOException {
        Path staging = resolve(key + ".part");
        Files.createDirectories(staging.getParent());
        return staging;
    }

    @Override
    public void commit(String key) throws IOException {
        Path target = resolve(key);
        Path staging = resolve(key + ".part");
        try (FileChannel channel = FileChannel.open(staging, StandardOpenOption.WRITE)) {
            // The manifest will vouch for these bytes; make sure they are on disk before it does.
            channel.force(true);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(resolve(key));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public Path localCopy(String key) {
        return resolve(key);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path dir = resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public List<String> listStaging(String prefix) throws IOException {
        return list(prefix).stream()
                .filter(k -> k.endsWith(".part"))
                .map(k -> k.substring(0, k.length() - 5))
                .toList();
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public boolean holdsAny(String prefix) throws IOException {
        Path dir = resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root.normalize())) {
            throw new IllegalArgumentException("key escapes the archive: " + key);
        }
        return path;
    }
}
