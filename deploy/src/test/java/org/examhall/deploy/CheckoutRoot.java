package org.examhall.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, whichever directory the tests run from (the module's, or the root's). */
final class CheckoutRoot {

    private CheckoutRoot() {}

    static Path path() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker/compose.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "not inside the examhall repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
