package org.examhall.proctor.testing;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.examhall.proctor.archive.LocalSegmentStore;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.IndexHead;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.protocol.crypto.Sm2;

/** An archive in a temporary directory with a fresh SM2 key pair, as the gateway wires it. */
public final class TestArchive implements AutoCloseable {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final KeyPair KEYS = Sm2.generate();

    public final Path root;
    public final ArchiveLayout layout;
    public final LocalSegmentStore store;
    public final ManifestBook manifests;
    public final KeyPair keys = KEYS;

    public TestArchive(Path root, Clock clock) {
        this(root, clock, head -> {});
    }

    /** @param witness told of every new head of a room's day index, as a gateway tells exam-server */
    public TestArchive(Path root, Clock clock, Consumer<IndexHead> witness) {
        this.root = root;
        this.layout = new ArchiveLayout(root, "site1", ZONE);
        this.store = new LocalSegmentStore(root);
        this.manifests = new ManifestBook(layout, KEYS.getPrivate(), clock, witness);
    }

    public TestArchive(Path root) {
        this(root, Clock.systemUTC());
    }

    @Override
    public void close() {
        manifests.close();
    }
}
