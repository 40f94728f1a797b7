package org.examhall.server.bank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.examhall.bank.category.ExamCategory;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.bank.question.QuestionType;

/**
 * Counts over one snapshot, for the bureau's charts. Each question counts once: under its newest
 * version's status, and, where it has one, under its active version's category, type, difficulty
 * and knowledge points (what papers can be drawn from); {@code total} counts newest versions.
 */
final class BankStatistics {

    private record Tally(int[] counts) {
        Tally() {
            this(new int[2]);
        }
    }

    private BankStatistics() {}

    /** @param category only questions of this category, or null for all */
    static JsonObject of(Snapshot snapshot, String category) {
        Map<String, Integer> byStatus = new TreeMap<>();
        for (QuestionStatus status : QuestionStatus.values()) {
            byStatus.put(status.name(), 0);
        }
        Map<String, Tally> byCategory = new TreeMap<>();
        Map<String, Tally> byType = new TreeMap<>();
        Map<String, Tally> byDifficulty = new TreeMap<>();
        Map<String, Tally> byKnowledgePoint = new TreeMap<>();
        for (QuestionType type : QuestionType.values()) {
            byType.put(type.name(), new Tally());
        }
        for (int difficulty = 1; difficulty <= 5; difficulty++) {
            byDifficulty.put(String.valueOf(difficulty), new Tally());
        }
        int questions = 0;
        int active = 0;
        for (Question latest : snapshot.bank().latestVersions()) {
            if (category != null && !latest.content().category().equals(category)) {
                continue;
            }
            questions++;
            byStatus.merge(latest.status().name(), 1, Integer::sum);
            Question drawn = snapshot.bank().versions(latest.id()).stream()
                    .filter(Question::isActive)
                    .findFirst()
                    .orElse(null);
            if (drawn != null) {
                active++;
            }
            count(byCategory, latest, drawn, q -> q.content().category());
            count(byType, latest, drawn, q -> q.type().name());
            count(byDifficulty, latest, drawn, q -> String.valueOf(q.content().difficulty()));
            for (String point : latest.content().knowledgePoints()) {
                byKnowledgePoint.computeIfAbsent(point, p -> new Tally()).counts[0]++;
            }
            if (drawn != null) {
                for (String point : drawn.content().knowledgePoints()) {
                    byKnowledgePoint.computeIfAbsent(point, p -> new Tally()).counts[1]++;
                }
            }
        }
        JsonArray categories = rows(byCategory, "category");
        categories.forEach(row -> ((JsonObject) row)
                .put(
                        "name",
                        snapshot.categories()
                                .find(((JsonObject) row).getString("category"))
                                .map(ExamCategory::name)
                                .orElse("")));
        JsonArray types = rows(byType, "type");
        types.forEach(row -> ((JsonObject) row)
                .put(
                        "name",
                        QuestionType.valueOf(((JsonObject) row).getString("type"))
                                .chineseName()));
        return new JsonObject()
                .put("bankVersion", snapshot.bank().version())
                .put("category", category)
                .put("questions", questions)
                .put("active", active)
                .put("byStatus", new JsonObject(new LinkedHashMap<>(byStatus)))
                .put("byCategory", categories)
                .put("byType", types)
                .put("byDifficulty", rows(byDifficulty, "difficulty"))
                .put("byKnowledgePoint", rows(byKnowledgePoint, "knowledgePoint"));
    }

    private static void count(
            Map<String, Tally> tallies, Question latest, Question drawn, Function<Question, String> key) {
        tallies.computeIfAbsent(key.apply(latest), k -> new Tally()).counts[0]++;
        if (drawn != null) {
            tallies.computeIfAbsent(key.apply(drawn), k -> new Tally()).counts[1]++;
        }
    }

    private static JsonArray rows(Map<String, Tally> tallies, String keyName) {
        JsonArray rows = new JsonArray();
        tallies.forEach((key, tally) -> rows.add(
                new JsonObject().put(keyName, key).put("total", tally.counts[0]).put("active", tally.counts[1])));
        return rows;
    }
}
