package org.examhall.server.results;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.examhall.server.http.Errors;
import org.examhall.server.http.JsonBodies;

/**
 * A bureau's correction of one published result, checked before anything is read: RESCORE with
 * corrected answer keys (the paper and answers stay as they were; only the keys change), or VOID
 * (a sitting found void later, e.g. fraud). A reason is always required: it goes to the province.
 *
 * @param keys question id → corrected key letters in the question's written option order, or null to
 *             take the key of the question's active version in the bank (RESCORE only)
 */
record CorrectionRequest(Kind kind, String reason, Map<String, String> keys) {

    enum Kind {
        RESCORE,
        VOID
    }

    static final int MAX_REASON = 500;
    private static final Pattern KEY = Pattern.compile("^[A-F]{1,6}$");

    static CorrectionRequest parse(JsonObject body) {
        String kindText = JsonBodies.requiredString(body, "kind", 20);
        Kind kind;
        try {
            kind = Kind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw Errors.invalid("kind 必须是 RESCORE 或 VOID", "kind must be RESCORE or VOID");
        }
        String reason = JsonBodies.requiredString(body, "reason", MAX_REASON);
        Object corrections = body.getValue("keyCorrections");
        if (kind == Kind.VOID) {
            if (corrections != null) {
                throw Errors.invalid("作废更正不能带 keyCorrections", "a VOID correction takes no keyCorrections");
            }
            return new CorrectionRequest(kind, reason, Map.of());
        }
        return rescore(reason, corrections);
    }

    /** A key correction for every sitting of a session: {@code reason} and {@code keyCorrections} as for one sitting's RESCORE. */
    static CorrectionRequest parseRescore(JsonObject body) {
        return rescore(JsonBodies.requiredString(body, "reason", MAX_REASON), body.getValue("keyCorrections"));
    }

    private static CorrectionRequest rescore(String reason, Object corrections) {
        if (!(corrections instanceof JsonArray list) || list.isEmpty() || list.size() > 200) {
            throw Errors.invalid(
                    "重新评分需要 keyCorrections：1 到 200 条 {questionId, key}",
                    "RESCORE needs keyCorrections: 1 to 200 entries {questionId, key}");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (Object entry : list) {
            if (!(entry instanceof JsonObject item)) {
                throw Errors.invalid(
                        "keyCorrections 的每一项必须是对象 {questionId, key}",
                        "each keyCorrections entry must be an object {questionId, key}");
            }
            String questionId = JsonBodies.requiredString(item, "questionId", 100);
            String key = JsonBodies.optionalString(item, "key", 6);
            if (key != null && !KEY.matcher(key).matches()) {
                throw Errors.invalid("答案 " + key + " 必须由 A–F 的字母组成", "key " + key + " must be letters A–F");
            }
            if (keys.containsKey(questionId)) {
                throw Errors.invalid("试题 " + questionId + " 重复出现", "question " + questionId + " appears twice");
            }
            keys.put(questionId, key);
        }
        return new CorrectionRequest(Kind.RESCORE, reason, keys);
    }

    boolean keysFromBank() {
        return keys.containsValue(null);
    }
}
