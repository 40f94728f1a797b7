package org.examhall.load.video;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.examhall.proctor.archive.LocalSegmentStore;
import org.examhall.proctor.archive.SegmentRecorder;
import org.examhall.proctor.ingest.PacketSink;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.protocol.crypto.Sm2;

/** The gateway's archive path exactly as deployed: segmenting, SM3 while writing, staging and rename, manifest chain. */
final class ArchivePath implements AutoCloseable {

    private final ArchiveLayout layout;
    private final LocalSegmentStore store;
    private final ManifestBook manifests;

    ArchivePath(Path root) {
        layout = new ArchiveLayout(root, "bench", ZoneId.of("Asia/Shanghai"));
        store = new LocalSegmentStore(root);
        manifests = new ManifestBook(layout, Sm2.generate().getPrivate(), Clock.systemUTC());
    }

    List<PacketSink> sinks(int i) {
        return List.of(new SegmentRecorder("room" + i, "cam1", layout, store, manifests, Duration.ofSeconds(60)));
    }

    @Override
    public void close() {
        manifests.close();
    }
}
