package org.examhall.proctor.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.examhall.protocol.config.ConfigException;

/**
 * Where archived segments and manifests end up: {@code local} (the default: they stay under
 * {@code archive.root}) or {@code s3}, an S3-compatible object store (AWS, MinIO, Ceph, Aliyun OSS, ...)
 * addressed path-style at {@code endpoint}. The access key pair is read from files (never written in the
 * YAML, never logged). {@code objectLockMode} COMPLIANCE (the default) or GOVERNANCE keeps every object
 * {@code retentionYears} (at least 3, the legal minimum) from its recording; NONE sends no lock, for a store
 * without Object Lock.
 */
public record ArchiveStoreSettings(
        String type,
        URI endpoint,
        String region,
        String bucket,
        String prefix,
        Path accessKeyFile,
        Path secretKeyFile,
        int retentionYears,
        String objectLockMode) {

    public static final int MINIMUM_RETENTION_YEARS = 3;

    public ArchiveStoreSettings {
        type = type == null ? "local" : type.toLowerCase(Locale.ROOT);
        region = region == null ? "us-east-1" : region;
        prefix = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        retentionYears = retentionYears == 0 ? MINIMUM_RETENTION_YEARS : retentionYears;
        objectLockMode = objectLockMode == null ? "COMPLIANCE" : objectLockMode.toUpperCase(Locale.ROOT);
        if (!type.equals("local") && !type.equals("s3")) {
            throw new ConfigException("archive.store.type must be local or s3, was " + type);
        }
        if (type.equals("s3")) {
            if (bucket == null || bucket.isBlank()) {
                throw new ConfigException("archive.store.bucket is required for an s3 store");
            }
            if (accessKeyFile == null || secretKeyFile == null) {
                throw new ConfigException(
                        "archive.store.accessKeyFile and archive.store.secretKeyFile are required for an s3 store");
            }
            if (retentionYears < MINIMUM_RETENTION_YEARS) {
                throw new ConfigException("archive.store.retentionYears is " + retentionYears
                        + " but recordings must be kept at least " + MINIMUM_RETENTION_YEARS + " years");
            }
            if (!objectLockMode.equals("COMPLIANCE")
                    && !objectLockMode.equals("GOVERNANCE")
                    && !objectLockMode.equals("NONE")) {
                throw new ConfigException(
                        "archive.store.objectLockMode must be COMPLIANCE, GOVERNANCE or NONE, was " + objectLockMode);
            }
        }
    }

    public static ArchiveStoreSettings local() {
        return new ArchiveStoreSettings(null, null, null, null, null, null, null, 0, null);
    }

    public boolean s3() {
        return type.equals("s3");
    }

    public boolean objectLock() {
        return !objectLockMode.equals("NONE");
    }

    public String accessKey() {
        return secret(accessKeyFile, "accessKeyFile");
    }

    public String secretKey() {
        return secret(secretKeyFile, "secretKeyFile");
    }

    /** The file's first line; the error names the file, never its content. */
    private static String secret(Path file, String setting) {
        try {
            String value = Files.readString(file).strip();
            if (value.isEmpty() || value.contains("\n")) {
                throw new ConfigException("archive.store." + setting + " " + file + " must hold exactly one line");
            }
            return value;
        } catch (IOException e) {
            throw new ConfigException("cannot read archive.store." + setting + " " + file + ": " + e.getMessage(), e);
        }
    }
}
