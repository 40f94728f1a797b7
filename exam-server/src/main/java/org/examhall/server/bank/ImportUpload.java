package org.examhall.server.bank;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.examhall.bank.io.DuplicatePolicy;
import org.examhall.bank.io.ImportDefaults;
import org.examhall.bank.io.QtiDefaults;
import org.examhall.bank.question.SourceLevel;
import org.examhall.server.http.Errors;
import org.examhall.server.http.JsonBodies;

/**
 * One import as uploaded: the file and what to do with it. Either a JSON body
 * ({@code {"format", "fileName", "contentBase64" | "questions", "dryRun", "duplicates", "source",
 * "defaults": {...}}}) or the file itself as the body, with the same settings as query parameters
 * ({@code ?format=xlsx&fileName=…&dryRun=true&duplicates=skip&category=…&difficulty=…&knowledgePoints=a,b}).
 *
 * @param defaults   what rows that leave category, difficulty or knowledge points empty get
 * @param duplicates what to do with exact duplicates
 * @param qti        what QTI items do not say about themselves; null for other formats
 */
public record ImportUpload(
        Format format,
        String fileName,
        byte[] content,
        boolean dryRun,
        ImportDefaults defaults,
        DuplicatePolicy duplicates,
        QtiDefaults qti) {

    /** XLSX covers .xls too: one reader opens both. */
    public enum Format {
        XLSX,
        JSON,
        QTI,
        DOCX
    }

    private static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String XLS_TYPE = "application/vnd.ms-excel";
    private static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /** QTI items say nothing about difficulty; the middle of 1–5 is the least wrong guess. */
    private static final int QTI_DIFFICULTY = 3;

    public static ImportUpload from(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        String mediaType =
                contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
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
        String points = query.get("knowledgePoints");
        ImportDefaults defaults = defaults(
                source(query.get("source")),
                query.get("category"),
                query.get("difficulty"),
                points == null ? List.of() : Arrays.asList(points.split("[,，;；]")));
        return new ImportUpload(
                format,
                fileName,
                body.getBytes(),
                dryRun,
                defaults,
                duplicates(query.get("duplicates")),
                format == Format.QTI ? qtiDefaults(defaults) : null);
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
        // "qti" is the older name of "defaults", from when only QTI imports had them.
        String settingsField = body.containsKey("defaults") ? "defaults" : "qti";
        if (body.getValue(settingsField) != null && !(body.getValue(settingsField) instanceof JsonObject)) {
            throw invalid("字段 " + settingsField + " 应为对象", "field " + settingsField + " must be an object");
        }
        JsonObject settings = body.getJsonObject(settingsField, new JsonObject());
        Object points = settings.getValue("knowledgePoints");
        List<String> knowledgePoints = points instanceof JsonArray array
                ? array.stream().map(String::valueOf).toList()
                : points == null
                        ? List.of()
                        : Arrays.asList(String.valueOf(points).split("[,，;；]"));
        Object category = settings.getValue("category");
        Object difficulty = settings.getValue("difficulty");
        ImportDefaults defaults = defaults(
                source,
                category == null ? null : String.valueOf(category),
                difficulty == null ? null : String.valueOf(difficulty),
                knowledgePoints);
        Object duplicates = body.getValue("duplicates");
        if (duplicates != null && !(duplicates instanceof String)) {
            throw invalid("duplicates 应为 skip 或 refuse", "duplicates must be skip or refuse");
        }
        return new ImportUpload(
                format,
                fileName,
                content,
                (Boolean) dryRun,
                defaults,
                duplicates((String) duplicates),
                format == Format.QTI ? qtiDefaults(defaults) : null);
    }

    private static Format format(String named, String mediaType, String fileName) {
        String wanted = named == null ? "" : named.trim().toUpperCase(Locale.ROOT);
        if (wanted.equals("XLS")) {
            return Format.XLSX;
        }
        if (!wanted.isEmpty()) {
            try {
                return Format.valueOf(wanted);
            } catch (IllegalArgumentException e) {
                throw invalid("format 应为 xlsx、xls、docx、json 或 qti", "format must be xlsx, xls, docx, json or qti");
            }
        }
        String lowerName = fileName.toLowerCase(Locale.ROOT);
        if (mediaType.equals(XLSX_TYPE)
                || mediaType.equals(XLS_TYPE)
                || lowerName.endsWith(".xlsx")
                || lowerName.endsWith(".xls")) {
            return Format.XLSX;
        }
        if (mediaType.equals(DOCX_TYPE) || lowerName.endsWith(".docx")) {
            return Format.DOCX;
        }
        if (mediaType.equals("application/zip")
                || mediaType.endsWith("/xml")
                || lowerName.endsWith(".zip")
                || lowerName.endsWith(".xml")) {
            return Format.QTI;
        }
        if (lowerName.endsWith(".json")) {
            return Format.JSON;
        }
        throw invalid(
                "无法判断文件格式，请指定 format（xlsx、xls、docx、json 或 qti）",
                "cannot tell the file format; name it with format (xlsx, xls, docx, json or qti)");
    }

    private static ImportDefaults defaults(
            SourceLevel source, String category, String difficulty, List<String> knowledgePoints) {
        Integer level = null;
        if (difficulty != null && !difficulty.isBlank()) {
            try {
                level = Integer.parseInt(difficulty.trim());
            } catch (NumberFormatException e) {
                level = 0;
            }
            if (level < 1 || level > 5) {
                throw invalid("默认难度须为 1–5 的整数", "the default difficulty must be a whole number from 1 to 5");
            }
        }
        if (category != null && category.length() > 64) {
            throw invalid("默认类别代码过长", "the default category code is too long");
        }
        List<String> points = knowledgePoints.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        return new ImportDefaults(source, category, level, points);
    }

    /** QTI items carry no category, so the batch must name one. */
    private static QtiDefaults qtiDefaults(ImportDefaults defaults) {
        if (defaults.category() == null) {
            throw invalid("导入 QTI 试题须指定类别（category）", "a QTI import needs the category of its questions");
        }
        return new QtiDefaults(
                defaults.category(),
                defaults.difficulty() == null ? QTI_DIFFICULTY : defaults.difficulty(),
                defaults.knowledgePoints(),
                defaults.source());
    }

    private static DuplicatePolicy duplicates(String text) {
        if (text == null || text.isBlank()) {
            return DuplicatePolicy.SKIP;
        }
        try {
            return DuplicatePolicy.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("duplicates 应为 skip 或 refuse", "duplicates must be skip or refuse");
        }
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
