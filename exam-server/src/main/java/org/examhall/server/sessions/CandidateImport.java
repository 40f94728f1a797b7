package org.examhall.server.sessions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.examhall.protocol.http.ApiError;
import org.examhall.protocol.http.ApiException;
import org.examhall.server.audit.Actor;
import org.examhall.server.pii.CandidatePhoto;
import org.examhall.server.pii.ResidentIdNumber;

/**
 * Candidate lists from CSV (姓名,身份证号[,准考证号]), all or nothing: every row is checked first and
 * every bad row is reported with its row, column and reason; only a clean file adds anyone. Photos
 * come beside the list as files named by ID number (the layout registration offices hand over:
 * 110101199003071234.jpg); a candidate without one is photographed at the door.
 */
public final class CandidateImport {

    public static final ApiError IMPORT_REJECTED =
            new ApiError(422, "IMPORT_REJECTED", "导入文件有错误，未导入任何考生", "The file has errors; no candidate was added");

    private final Sessions sessions;

    public CandidateImport(Sessions sessions) {
        this.sessions = sessions;
    }

    private record Row(int line, String fullName, ResidentIdNumber idNumber, String ticketNo, byte[] photo) {}

    /** @param photos file name → Base64 image; the name without its extension is the candidate's ID number */
    public Future<JsonObject> importCsv(
            long sessionId, String csv, Map<String, String> photos, boolean dryRun, Actor actor) {
        Map<String, String> photoByIdNumber = new HashMap<>();
        photos.forEach((file, data) -> {
            int dot = file.lastIndexOf('.');
            photoByIdNumber.put((dot > 0 ? file.substring(0, dot) : file).trim().toUpperCase(Locale.ROOT), data);
        });
        List<Row> rows = new ArrayList<>();
        JsonArray problems = new JsonArray();
        Set<String> seen = new HashSet<>();
        String[] lines = csv.replace("\r", "").replace("\uFEFF", "").split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            int number = i + 1;
            if (line.isEmpty()
                    || i == 0 && (line.startsWith("姓名") || line.toLowerCase().startsWith("fullname"))) {
                continue;
            }
            String[] cells = line.split("[,，]", -1);
            String name = cells[0].trim();
            if (name.isEmpty() || name.length() > 100) {
                problems.add(problem(number, 1, "姓名为空或超过 100 字", "name empty or longer than 100 characters"));
            }
            ResidentIdNumber id =
                    cells.length > 1 ? ResidentIdNumber.parse(cells[1]).orElse(null) : null;
            if (id == null) {
                problems.add(problem(number, 2, "身份证号无效", "invalid resident ID number"));
            } else if (!seen.add(id.value())) {
                problems.add(problem(number, 2, "身份证号在文件中重复", "ID number repeated in the file"));
            }
            String ticket = cells.length > 2 && !cells[2].isBlank() ? cells[2].trim() : null;
            if (ticket != null && !ticket.matches("[A-Za-z0-9-]{4,40}")) {
                problems.add(problem(
                        number, 3, "准考证号只能包含字母、数字和 -，4–40 位", "ticket numbers are 4–40 letters, digits or '-'"));
            }
            byte[] photo = null;
            String photoData = id == null ? null : photoByIdNumber.remove(id.value());
            try {
                photo = CandidatePhoto.decode(photoData);
            } catch (ApiException e) {
                problems.add(problem(
                        number, 4, "照片不是 JPEG 或 PNG，或超过 512 KB", "the photo is not a JPEG or PNG of at most 512 KB"));
            }
            rows.add(new Row(number, name, id, ticket, photo));
        }
        photoByIdNumber.keySet().stream()
                .sorted()
                .forEach(unmatched -> problems.add(problem(
                        0,
                        4,
                        "照片 " + unmatched + " 没有对应的考生",
                        "photo " + unmatched + " matches no candidate in the list")));
        if (!problems.isEmpty() || rows.isEmpty()) {
            if (rows.isEmpty()) {
                problems.add(problem(1, 1, "文件中没有考生", "the file holds no candidates"));
            }
            return Future.failedFuture(new ApiException(IMPORT_REJECTED, Map.of("problems", problems)));
        }
        // Rows that would collide with the session as it stands are refused before anything is added.
        return sessions.alreadyInSession(
                        sessionId, rows.stream().map(Row::idNumber).toList())
                .compose(present -> {
                    for (Row row : rows) {
                        if (present.contains(row.idNumber().value())) {
                            problems.add(
                                    problem(row.line(), 2, "该考生已在本场次中", "the candidate is already in this session"));
                        }
                    }
                    if (!problems.isEmpty()) {
                        return Future.failedFuture(new ApiException(IMPORT_REJECTED, Map.of("problems", problems)));
                    }
                    return dryRun
                            ? Future.succeededFuture(new JsonObject()
                                    .put("dryRun", true)
                                    .put("candidates", rows.size())
                                    .put(
                                            "withPhoto",
                                            rows.stream()
                                                    .filter(r -> r.photo() != null)
                                                    .count()))
                            : add(sessionId, rows, actor);
                });
    }

    private Future<JsonObject> add(long sessionId, List<Row> rows, Actor actor) {
        Future<JsonArray> chain = Future.succeededFuture(new JsonArray());
        for (Row row : rows) {
            chain = chain.compose(added -> sessions.addCandidate(
                            sessionId, row.fullName(), row.idNumber(), row.ticketNo(), row.photo(), actor)
                    .map(added::add));
        }
        return chain.map(added -> new JsonObject().put("dryRun", false).put("added", added));
    }

    private static JsonObject problem(int row, int column, String zh, String en) {
        return new JsonObject()
                .put("row", row)
                .put("column", column)
                .put("zh", zh)
                .put("en", en);
    }
}
