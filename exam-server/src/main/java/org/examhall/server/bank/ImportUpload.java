package org.examhall.server.bank;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.examhall.bank.io.QtiDefaults;
import org.examhall.bank.question.SourceLevel;
import org.examhall.server.http.Errors;
import org.examhall.server.http.JsonBodies;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One import as uploaded: the file and what to do with it. Either a JSON body
 * ({@code {"format", "fileName", "contentBase64" | "questions", "dryRun", "source", "qti": {...}}})
 * or the file itself as the body, with the same settings as query parameters
 * ({@code ?format=xlsx&fileName=…&dryRun=true}; for QTI {@code &category=…&difficulty=…&knowledgePoints=a,b}).
 *
 * @param defaultSource the source level of questions that do not name one
 * @param qti           what QTI items do not say about themselves; null for other formats
 */
public record ImportUpload(Format format, String fileName, byte[] content, boolean dryRun, SourceLevel defaultSource,
                           QtiDefaults qti) {

  public enum Format { XLSX, JSON, QTI }

  private static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  public static ImportUpload from(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (mediaType.equals("application/json")) {
      return fromJson(JsonBodies.object(ctx));
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw invalid("请求体为空：请上传文件，或以 JSON 提交", "the body is empty: upload the file, or send JSON");
    }
    MultiMap query = ctx.queryParams();
    String fileName = name(query.get("fileName"));
    Format format = format(query.get("format"), mediaType, fileName);
    boolean dryRun = "true".equalsIgnoreCase(query.get("dryRun"));
    SourceLevel source = source(query.get("source"));
    QtiDefaults qti = format == Format.QTI ? qtiDefaults(query.get("category"), query.get("difficulty"),
        query.get("knowledgePoints") == null ? List.of() : Arrays.asList(query.get("knowledgePoints").split("[,，;；]")),
        source) : null;
    return new ImportUpload(format, fileName, body.getBytes(), dryRun, source, qti);
  }

  static ImportUpload fromJson(JsonObject body) {
    String fileName = name(JsonBodies.optionalString(body, "fileName", 255));
    Object dryRun = body.getValue("dryRun", false);
    if (!(dryRun instanceof Boolean)) {
      throw Errors.invalid("字段 dryRun 必须是 true 或 false", "field dryRun must be true or false");
    }
    byte[] content;
    Format format;
    if (body.getValue("questions") instanceof JsonArray questions) {
      format = Format.JSON;
      content = new JsonObject().put("questions", questions).toBuffer().getBytes();
    } else {
      String encoded = JsonBodies.requiredString(body, "contentBase64", Integer.MAX_VALUE);
      format = format(JsonBodies.optionalString(body, "format", 10), "", fileName);
      try {
        content = Base64.getMimeDecoder().decode(encoded.replaceFirst("^data:[^,]*,", ""));
      } catch (IllegalArgumentException e) {
        throw invalid("contentBase64 不是有效的 Base64", "contentBase64 is not valid Base64");
      }
    }
    SourceLevel source = source(JsonBodies.optionalString(body, "source", 20));
    QtiDefaults qti = null;
    if (format == Format.QTI) {
      JsonObject settings = body.getJsonObject("qti", new JsonObject());
      Object points = settings.getValue("knowledgePoints");
      List<String> knowledgePoints = points instanceof JsonArray array
          ? array.stream().map(String::valueOf).toList()
          : points == null ? List.of() : Arrays.asList(String.valueOf(points).split("[,，;；]"));
      Object difficulty = settings.getValue("difficulty");
      qti = qtiDefaults(settings.getString("category"), difficulty == null ? null : String.valueOf(difficulty),
          knowledgePoints, source);
    }
    return new ImportUpload(format, fileName, content, (Boolean) dryRun, source, qti);
  }

  private static Format format(String named, String mediaType, String fileName) {
    String wanted = named == null ? "" : named.trim().toUpperCase(Locale.ROOT);
    if (!wanted.isEmpty()) {
      try {
        return Format.valueOf(wanted);
      } catch (IllegalArgumentException e) {
        throw invalid("format 应为 xlsx、json 或 qti", "format must be xlsx, json or qti");
      }
    }
    String lowerName = fileName.toLowerCase(Locale.ROOT);
    if (mediaType.equals(XLSX_TYPE) || lowerName.endsWith(".xlsx")) {
      return Format.XLSX;
    }
    if (mediaType.equals("application/zip") || mediaType.endsWith("/xml") || lowerName.endsWith(".zip")
        || lowerName.endsWith(".xml")) {
      return Format.QTI;
    }
    if (lowerName.endsWith(".json")) {
      return Format.JSON;
    }
    throw invalid("无法判断文件格式，请指定 format（xlsx、json 或 qti）", "cannot tell the file format; name it with format (xlsx, json or qti)");
  }

  private static QtiDefaults qtiDefaults(String category, String difficulty, List<String> knowledgePoints,
                                         SourceLevel source) {
    if (category == null || category.isBlank()) {
      throw invalid("导入 QTI 试题须指定类别（category）", "a QTI import needs the category of its questions");
    }
    int level = 3;
    if (difficulty != null && !difficulty.isBlank()) {
      try {
        level = Integer.parseInt(difficulty.trim());
      } catch (NumberFormatException e) {
        level = 0;
      }
      if (level < 1 || level > 5) {
        throw invalid("QTI 试题的难度须为 1–5", "the difficulty of QTI questions must be 1 to 5");
      }
    }
    List<String> points = knowledgePoints.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    return new QtiDefaults(category.trim(), level, points, source);
  }

  private static SourceLevel source(String text) {
    if (text == null || text.isBlank()) {
      return SourceLevel.NATIONAL;
    }
    try {
      return SourceLevel.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("source 应为 NATIONAL、PROVINCIAL 或 LOCAL", "source must be NATIONAL, PROVINCIAL or LOCAL");
    }
  }

  private static String name(String fileName) {
    if (fileName == null || fileName.isBlank()) {
      return "";
    }
    String base = fileName.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).strip();
    return base.length() > 255 ? base.substring(0, 255) : base;
  }

  private static RuntimeException invalid(String zh, String en) {
    return BankErrors.IMPORT_UPLOAD_INVALID.withDetail(zh, en).exception();
  }

  /** The name shown in job lists: the file's, or the format's. */
  public String displayName() {
    return fileName.isEmpty() ? format.name().toLowerCase(Locale.ROOT) + " upload" : fileName;
  }
}
