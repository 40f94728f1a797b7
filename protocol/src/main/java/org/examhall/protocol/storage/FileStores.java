package org.examhall.protocol.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which file system a directory's files go to, for the disk-space figures of the node and the gateway. */
public final class FileStores {

    private FileStores() {}

    /**
     * Blocking: the file system of {@code directory}, or, while it is not made yet (a node on an external database,
     * a gateway no camera has delivered to), of the nearest ancestor that exists: the one it will be made on.
     */
    public static FileStore holding(Path directory) throws IOException {
        Path path = directory.toAbsolutePath();
        while (!Files.exists(path) && path.getParent() != null) {
            path = path.getParent();
        }
        return Files.getFileStore(path);
    }
}
