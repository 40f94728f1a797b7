package org.examhall.proctor.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3 server in the test JVM: s3proxy with its filesystem backend, each object a file under
 * {@code baseDir/bucket/key} (user metadata in extended attributes), on a fixed loopback port so that it can
 * be stopped for an outage and started again where the gateway expects it. s3proxy has no Object Lock: told
 * to ignore headers it does not know, it accepts the lock and legal-hold headers and neither keeps nor
 * enforces them.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "examhall-test-access";
    public static final String SECRET_KEY = "examhall-test-secret";

    private final Path baseDir;
    private final int port;
    private BlobStoreContext context;
    private S3Proxy proxy;

    private S3ProxyServer(Path baseDir, int port) {
        this.baseDir = baseDir;
        this.port = port;
    }

    /** Starts with an empty {@code bucket}. */
    public static S3ProxyServer start(Path baseDir, String bucket) throws Exception {
        Files.createDirectories(baseDir.resolve(bucket));
        S3ProxyServer server = new S3ProxyServer(baseDir, Loopback.freeTcpPort());
        server.start();
        return server;
    }

    /** Starts (again) on the same port and files. */
    public void start() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(endpoint())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Else it answers 501 to the Object Lock headers, which it cannot keep.
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        Await.until(Duration.ofSeconds(10), () -> "STARTED".equals(proxy.getState()));
    }

    /** The outage: nothing listens on the port until {@link #start()}. */
    public void stop() throws Exception {
        proxy.stop();
        context.close();
        proxy = null;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The file that holds the object, for a test that tampers with it. */
    public Path objectFile(String bucket, String key) {
        return baseDir.resolve(bucket).resolve(key);
    }

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            stop();
        }
    }
}
