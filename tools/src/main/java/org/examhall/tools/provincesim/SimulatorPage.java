package org.examhall.tools.provincesim;

import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.examhall.server.province.Registration;

/**
 * The simulator's page: its mode and counters, the current version of each result and the versions
 * corrections superseded (newest first; ID numbers masked even here) and the registrations it
 * serves. Plain server-side HTML that refreshes itself.
 */
final class SimulatorPage {

    private SimulatorPage() {}

    static String render(JsonObject state, List<ReceivedPackages.Stored> stored, List<Registration> registrations) {
        StringBuilder html = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
        <title>省级考试平台（模拟） · Provincial platform simulator</title>
        <style>
          body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5rem; color: #1f2933; }
          table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; font-size: 0.9rem; }
          th, td { border: 1px solid #cbd2d9; padding: 0.3rem 0.5rem; text-align: left; }
          th { background: #f0f4f8; } code { font-size: 0.8rem; } .muted { color: #616e7c; }
        </style></head><body>
        <h1>省级考试平台（模拟） <span class="muted">Provincial exam platform simulator</span></h1>
        """);
        JsonObject counters = state.getJsonObject("counters");
        html.append("<p>模式 mode: <strong>").append(esc(state.getString("mode"))).append("</strong>");
        if ("SLOW".equals(state.getString("mode"))) {
            html.append(" (").append(state.getLong("delayMs")).append(" ms)");
        }
        html.append(" · 请求 requests ")
                .append(counters.getLong("requests"))
                .append(" · 已存 stored ")
                .append(counters.getLong("stored"))
                .append(" · 重复 duplicates ")
                .append(counters.getLong("duplicates"))
                .append(" · 拒收 rejected ")
                .append(counters.getLong("rejected"))
                .append(" · 故意失败 failed on purpose ")
                .append(counters.getLong("failedOnPurpose"))
                .append("</p>\n");
        Map<String, Integer> current = new HashMap<>();
        stored.forEach(s -> {
            ReceivedPackages.Lineage lineage = ReceivedPackages.Lineage.of(s.envelope());
            current.merge(lineage.sitting(), lineage.version(), Math::max);
        });
        List<ReceivedPackages.Stored> newestFirst = stored.stream()
                .sorted(Comparator.comparing(ReceivedPackages.Stored::receivedAt)
                        .reversed())
                .toList();
        List<ReceivedPackages.Stored> currentOnes =
                newestFirst.stream().filter(s -> isCurrent(s, current)).toList();
        List<ReceivedPackages.Stored> superseded =
                newestFirst.stream().filter(s -> !isCurrent(s, current)).toList();
        html.append("<h2>当前成绩 Current results (").append(currentOnes.size()).append(")</h2>\n");
        table(html, currentOnes, "current");
        html.append("<h2>已被取代的版本 Superseded versions (")
                .append(superseded.size())
                .append(")</h2>\n");
        table(html, superseded, "superseded");
        html.append("<h2>报名数据 Registrations served (统一报名入口)</h2>\n<table><tr><th>#</th><th>报名号 registration</th>")
                .append("<th>姓名 name</th><th>操作项目 item</th><th>培训机构 institution</th></tr>\n");
        for (Registration r : registrations) {
            html.append("<tr><td>")
                    .append(r.seq())
                    .append("</td><td>")
                    .append(esc(r.registrationId()))
                    .append("</td><td>")
                    .append(esc(r.fullName()))
                    .append("</td><td>")
                    .append(esc(r.operationItem()))
                    .append("</td><td>")
                    .append(esc(r.institution()))
                    .append("</td></tr>\n");
        }
        return html.append("</table>\n<p class=\"muted\">平台公钥 platform key id: <code>")
                .append(esc(state.getString("platformKeyId")))
                .append("</code></p>\n</body></html>\n")
                .toString();
    }

    private static boolean isCurrent(ReceivedPackages.Stored s, Map<String, Integer> current) {
        ReceivedPackages.Lineage lineage = ReceivedPackages.Lineage.of(s.envelope());
        return current.get(lineage.sitting()) == lineage.version();
    }

    private static void table(StringBuilder html, List<ReceivedPackages.Stored> rows, String id) {
        html.append("<table id=\"")
                .append(id)
                .append("\"><tr>")
                .append(
                        "<th>收到时间 received</th><th>考生 candidate</th><th>身份证号 ID</th><th>操作项目 item</th><th>版本 version</th>")
                .append(
                        "<th>结果 outcome</th><th>成绩 score</th><th>合格 passed</th><th>存疑 doubtful</th><th>异常 incidents</th>")
                .append("<th>更正原因 correction</th><th>送达次数 deliveries</th><th>幂等键 idempotency key</th></tr>\n");
        rows.forEach(s -> {
            JsonObject pkg = new JsonObject(s.envelope().getString("package"));
            JsonObject candidate = pkg.getJsonObject("candidate", new JsonObject());
            JsonObject correction = pkg.getJsonObject("correction");
            html.append("<tr data-sitting=\"")
                    .append(pkg.getValue("sittingId"))
                    .append("\" data-version=\"")
                    .append(pkg.getValue("version"))
                    .append("\"><td>")
                    .append(esc(s.receivedAt()))
                    .append("</td><td>")
                    .append(esc(candidate.getString("fullName")))
                    .append("</td><td>")
                    .append(esc(candidate.getString("idNumberMasked")))
                    .append("</td><td>")
                    .append(esc(pkg.getString("operationItem")))
                    .append("</td><td>v")
                    .append(pkg.getValue("version"))
                    .append(
                            pkg.getValue("supersedes") == null
                                    ? ""
                                    : " (取代 supersedes v" + pkg.getValue("supersedes") + ")")
                    .append("</td><td>")
                    .append(esc(pkg.getString("outcome")))
                    .append("</td><td>")
                    .append(pkg.getValue("score") == null ? "—" : esc(String.valueOf(pkg.getValue("score"))))
                    .append("</td><td>")
                    .append(Boolean.TRUE.equals(pkg.getBoolean("passed")) ? "合格" : "不合格")
                    .append("</td><td>")
                    .append(Boolean.TRUE.equals(pkg.getBoolean("doubtful")) ? "是" : "否")
                    .append("</td><td>")
                    .append(
                            pkg.getJsonArray("incidents") == null
                                    ? 0
                                    : pkg.getJsonArray("incidents").size())
                    .append("</td><td>")
                    .append(
                            correction == null
                                    ? "—"
                                    : esc(correction.getString("kind") + ": " + correction.getString("reason")))
                    .append("</td><td>")
                    .append(s.deliveries())
                    .append("</td><td><code>")
                    .append(esc(s.idempotencyKey().substring(0, 16)))
                    .append("…</code></td></tr>\n");
        });
        html.append("</table>\n");
    }

    private static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
