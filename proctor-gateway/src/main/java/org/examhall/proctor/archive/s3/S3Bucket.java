package org.examhall.proctor.archive.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.examhall.proctor.config.ArchiveStoreSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archive's bucket, through the AWS SDK: path-style requests to a configurable endpoint, so MinIO, Ceph,
 * s3proxy and Aliyun OSS serve as well as AWS. Keys are the archive's own under the configured prefix. Every
 * upload carries its SM3 as user metadata ({@code x-amz-meta-sm3}) and its {@code Content-MD5}, so the store
 * refuses bytes damaged on the way; the SDK's newer trailing checksums are sent only where an operation
 * requires one, as many S3-compatible stores do not accept them. Failures of the SDK come out as
 * {@link IOException}s.
 */
public final class S3Bucket implements AutoCloseable {

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    public S3Bucket(ArchiveStoreSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        this.client = builder.build();
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
    }

    /** How an object is to be kept: its lock (null for none) and whether a legal hold applies from the start. */
    record Keeping(ObjectLockMode mode, Instant retainUntil, boolean legalHold) {}

    /** What the store says it holds under a key. */
    record Stored(long bytes, String sm3) {}

    void put(String key, Path file, Digests digests, Keeping keeping) throws IOException {
        call(() -> client.putObject(request(key, digests, keeping), RequestBody.fromFile(file)));
    }

    void put(String key, byte[] bytes, Digests digests, Keeping keeping) throws IOException {
        call(() -> client.putObject(request(key, digests, keeping), RequestBody.fromBytes(bytes)));
    }

    private PutObjectRequest request(String key, Digests digests, Keeping keeping) {
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(bucket)
                .key(prefix + key)
                .contentLength(digests.bytes())
                .contentMD5(digests.md5Base64())
                .metadata(Map.of("sm3", digests.sm3()));
        if (keeping.mode() != null) {
            put.objectLockMode(keeping.mode()).objectLockRetainUntilDate(keeping.retainUntil());
        }
        if (keeping.legalHold()) {
            put.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
        }
        return put.build();
    }

    /** The object's size and the SM3 its metadata carries; empty when there is no such object. */
    Optional<Stored> head(String key) throws IOException {
        try {
            HeadObjectResponse head =
                    call(() -> client.headObject(h -> h.bucket(bucket).key(prefix + key)));
            return Optional.of(new Stored(head.contentLength(), head.metadata().get("sm3")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    InputStream get(String key) throws IOException {
        return call(() -> client.getObject(g -> g.bucket(bucket).key(prefix + key)));
    }

    /** Every key under {@code keyPrefix}, without the bucket's own prefix, sorted. */
    List<String> list(String keyPrefix) throws IOException {
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(prefix + keyPrefix)
                .build();
        return call(() -> client.listObjectsV2Paginator(request).contents().stream()
                .map(S3Object::key)
                // A "folder" (a console's placeholder, a file-system backend's directory) holds no footage.
                .filter(k -> !k.endsWith("/"))
                .map(k -> k.substring(prefix.length()))
                .sorted()
                .toList());
    }

    boolean holdsAny(String keyPrefix) throws IOException {
        return call(() -> client.listObjectsV2(
                        l -> l.bucket(bucket).prefix(prefix + keyPrefix).maxKeys(1))
                .hasContents());
    }

    void delete(String key) throws IOException {
        call(() -> client.deleteObject(d -> d.bucket(bucket).key(prefix + key)));
    }

    void legalHold(String key, boolean on) throws IOException {
        ObjectLockLegalHoldStatus status = on ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF;
        call(() -> client.putObjectLegalHold(
                h -> h.bucket(bucket).key(prefix + key).legalHold(l -> l.status(status))));
    }

    @FunctionalInterface
    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(e.getMessage());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(e.getMessage());
            }
            throw new IOException("object store: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("object store unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
