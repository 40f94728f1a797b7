package org.examhall.server.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one typed configuration of an exam-server node: read from YAML, then overridden by
 * {@code EXAMHALL_*} environment variables (see {@link EnvironmentOverrides}). Fields are public
 * and mutable only so that Jackson and the overrides can fill them; {@link #validate()} runs once
 * before anything uses the object.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class ExamhallConfig {

  /** {@code production} unless started by {@code ./examhall demo}. */
  public Mode mode = Mode.PRODUCTION;
  /** Everything the node writes locally (embedded database, generated demo keys) lives here. */
  public String dataDir = "./data";
  /** Demo mode only: where the demo's proctor gateway serves live view, as consoles reach it. */
  public String demoGatewayUrl = "http://localhost:8090";
  public Http http = new Http();
  public Database database = new Database();
  public Cluster cluster = new Cluster();
  public Security security = new Security();
  public Exam exam = new Exam();

  public enum Mode { PRODUCTION, DEMO }

  public boolean demo() {
    return mode == Mode.DEMO;
  }

  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  public static final class Http {
    public String host = "0.0.0.0";
    public int port = 8080;
    /** Largest request body accepted; larger bodies get 413 BODY_TOO_LARGE. */
    public long bodyLimitBytes = 1024 * 1024;
    /** Set when TLS terminates in front of the node, so cookies carry the Secure flag. */
    public boolean secureCookies = false;
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  public static final class Database {
    /** {@code postgresql://user:pass@host:port/db} or a {@code jdbc:postgresql://} URL; empty means embedded. */
    public String url;
    public String user;
    public String password;
    public int poolSize = 16;
    public Embedded embedded = new Embedded();

    public boolean isEmbedded() {
      return url == null || url.isBlank();
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  public static final class Embedded {
    /** 0 picks a free port at every start. */
    public int port = 54329;
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  public static final class Cluster {
    /** Nodes only join members that use the same cluster name. */
    public String name = "examhall";
    /** Address this member binds to and announces; loopback for a single node. */
    public String host = "127.0.0.1";
    public int port = 5701;
    /** {@code host:port} of other members; empty for a single member. Multicast is never used. */
    public List<String> members = new ArrayList<>();
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  public static final class Security {
    /** Hex SM4 key (128 bit) for personal data at rest; generated into the data dir in demo mode. */
    public String dataKey;
    /** Hex key (256 bit) for the keyed SM3 blind index of ID numbers. */
    public String indexKey;
    public int sessionIdleMinutes = 30;
    public int lockoutMaxFailures = 5;
    public int lockoutMinutes = 15;
    /** Argon2id cost; the defaults follow the OWASP password-storage recommendation. */
    public int kdfMemoryKiB = 19 * 1024;
    public int kdfIterations = 2;
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  public static final class Exam {
    /** Accept only terminals running Safe Exam Browser with one of the keys below. */
    public boolean requireSafeExamBrowser = false;
    public List<String> sebConfigKeys = new ArrayList<>();
    public List<String> sebBrowserExamKeys = new ArrayList<>();
    /** Face comparisons scoring below this count as failed attempts. */
    public double faceMatchThreshold = 0.55;
    /** Autosaves written per transaction at most, and transactions open at once (group commit). */
    public int autosaveBatch = 500;
    public int autosaveInFlight = 4;
  }

  /** Fails fast with a message that names the setting, so a misconfigured node never half-starts. */
  public ExamhallConfig validate() {
    require(http.port >= 0 && http.port <= 65535, "http.port must be 0..65535");
    require(http.bodyLimitBytes >= 1024, "http.bodyLimitBytes must be at least 1024");
    require(database.poolSize >= 1, "database.poolSize must be at least 1");
    require(cluster.port >= 0 && cluster.port <= 65535, "cluster.port must be 0..65535");
    require(cluster.name != null && !cluster.name.isBlank(), "cluster.name must be set");
    require(security.lockoutMaxFailures >= 1, "security.lockoutMaxFailures must be at least 1");
    require(security.lockoutMinutes >= 1, "security.lockoutMinutes must be at least 1");
    require(security.sessionIdleMinutes >= 1, "security.sessionIdleMinutes must be at least 1");
    require(security.kdfMemoryKiB >= 8 * 1024, "security.kdfMemoryKiB must be at least 8192");
    require(security.kdfIterations >= 1, "security.kdfIterations must be at least 1");
    require(exam.faceMatchThreshold > 0 && exam.faceMatchThreshold <= 1, "exam.faceMatchThreshold must be in (0, 1]");
    require(exam.autosaveBatch >= 1 && exam.autosaveInFlight >= 1, "exam.autosaveBatch and exam.autosaveInFlight must be at least 1");
    require(!exam.requireSafeExamBrowser || !exam.sebConfigKeys.isEmpty() || !exam.sebBrowserExamKeys.isEmpty(),
        "exam.requireSafeExamBrowser needs at least one SEB config key or browser exam key");
    if (!demo()) {
      require(security.dataKey != null && !security.dataKey.isBlank(),
          "security.dataKey (EXAMHALL_DATA_KEY) is required outside demo mode");
      require(security.indexKey != null && !security.indexKey.isBlank(),
          "security.indexKey (EXAMHALL_INDEX_KEY) is required outside demo mode");
    }
    return this;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new ConfigException(message);
    }
  }
}
