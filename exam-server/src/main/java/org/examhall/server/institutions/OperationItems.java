package org.examhall.server.institutions;

import io.vertx.core.json.JsonArray;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Operation item codes as the bank's categories name them, e.g. ELEC-LV (低压电工作业). */
final class OperationItems {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");

    private OperationItems() {}

    static String parse(String value) {
        String code = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw InstitutionErrors.INVALID_OPERATION_ITEM.exception();
        }
        return code;
    }

    static Set<String> parseAll(JsonArray values) {
        if (values == null || values.isEmpty() || values.size() > 100) {
            throw InstitutionErrors.INVALID_OPERATION_ITEM
                    .withDetail("培训范围须列出 1–100 个操作项目", "the scope must list 1–100 operation items")
                    .exception();
        }
        Set<String> codes = new LinkedHashSet<>();
        for (Object value : values) {
            if (!(value instanceof String s)) {
                throw InstitutionErrors.INVALID_OPERATION_ITEM.exception();
            }
            codes.add(parse(s));
        }
        return codes;
    }
}
