package org.examhall.proctor.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.examhall.proctor.archive.LocalSegmentStore;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.archive.s3.S3Bucket;
import org.examhall.proctor.archive.s3.S3SegmentStore;
import org.examhall.proctor.config.ConfigLoader;
import org.examhall.proctor.config.ExamServerSettings;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.protocol.crypto.Sm2;

/**
 * {@code archive-verify}: checks a room's recordings for a range of days and exits 0 when everything is
 * intact, 1 when anything is missing, altered or extra, 2 on a usage error.
 *
 * <pre>
 * archive-verify --room ROOM --from yyyy-MM-dd [--to yyyy-MM-dd] [--exam-server URL]
 *                (--config gateway.yaml | --archive DIR --site SITE --public-key sm2-public.pem [--time-zone Asia/Shanghai])
 * </pre>
 * exam-server (the configuration's {@code examServer}, or {@code --exam-server} with the token in
 * {@code EXAMHALL_GATEWAY_TOKEN}, never on the command line where other users see it) is asked for the day
 * index head it witnessed; without it the newest days cannot be checked, and the output says so. With a
 * configuration whose {@code archive.store} is an object store, the archive is read back from the bucket.
 */
public final class ArchiveVerify {

    private ArchiveVerify() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                return usage(err, "unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            return usage(err, "every option needs a value");
        }
        try {
            String room = required(options, "room");
            LocalDate from = LocalDate.parse(required(options, "from"));
            LocalDate to = options.containsKey("to") ? LocalDate.parse(options.get("to")) : from;
            ArchiveLayout layout;
            Path publicKey;
            S3Bucket bucket = null;
            Path cache = null;
            ExamServerSettings examServer =
                    new ExamServerSettings(options.get("exam-server"), env.get("EXAMHALL_GATEWAY_TOKEN"));
            if (options.containsKey("config")) {
                GatewayConfig config = ConfigLoader.load(Path.of(options.get("config")), env);
                if (!examServer.configured()) {
                    examServer = config.examServer();
                }
                layout = new ArchiveLayout(config.archive().root(), config.site(), config.timeZone());
                if (config.archive().store().s3()) {
                    bucket = new S3Bucket(config.archive().store());
                    cache = config.archiveCacheDir();
                }
                publicKey = options.containsKey("public-key")
                        ? Path.of(options.get("public-key"))
                        : config.signing().publicKey() != null
                                ? config.signing().publicKey()
                                : config.dataDir().resolve("keys/gateway-sm2-public.pem");
            } else {
                layout = new ArchiveLayout(
                        Path.of(required(options, "archive")),
                        required(options, "site"),
                        ZoneId.of(options.getOrDefault("time-zone", "Asia/Shanghai")));
                publicKey = Path.of(required(options, "public-key"));
            }
            HeadWitness witness = examServer.configured() ? new HeadWitness(examServer) : null;
            VerificationReport report;
            try (S3SegmentStore objectStore = bucket == null ? null : S3SegmentStore.reader(layout, bucket, cache)) {
                SegmentStore store = objectStore == null ? new LocalSegmentStore(layout.root()) : objectStore;
                report = new ArchiveVerifier(store, layout, Sm2.readPublic(publicKey), witness).verify(room, from, to);
            }
            report.problems().forEach(p -> out.println("PROBLEM " + p));
            report.notes().forEach(n -> out.println("note    " + n));
            out.println(report.summary());
            return report.ok() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (Exception e) {
            err.println("archive-verify: " + e.getMessage());
            return 1;
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("archive-verify: " + problem);
        err.println("usage: archive-verify --room ROOM --from yyyy-MM-dd [--to yyyy-MM-dd] [--exam-server URL] "
                + "(--config gateway.yaml | --archive DIR --site SITE --public-key PEM [--time-zone ZONE])");
        return 2;
    }
}
