package org.examhall.protocol.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoresTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryNotMadeYetCountsOnTheFileSystemItWillBeMadeOn() throws Exception {
        assertThat(FileStores.holding(dir.resolve("archive/site-1/room-101"))).isEqualTo(Files.getFileStore(dir));
    }

    @Test
    void aRelativeDirectoryIsTakenFromTheWorkingDirectory() throws Exception {
        assertThat(FileStores.holding(Path.of("not-made-yet", "data")))
                .isEqualTo(Files.getFileStore(Path.of("").toAbsolutePath()));
    }
}
