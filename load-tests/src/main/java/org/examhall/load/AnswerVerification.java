package org.examhall.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The no-lost-answer check: for every sitting, the answers the server stores (its answer sheet, read
 * as the bureau admin) must equal what the terminal had acknowledged: per item, the labels of the
 * acknowledged step with the highest sequence number. A difference that only an unacknowledged step
 * explains (a request refused or given up on, whose outcome the terminal never learnt) is reported
 * as "unconfirmed", not as lost. Every handed-in sitting must also carry its score.
 */
final class AnswerVerification {

    /**
     * The verdict; {@link #ok()} when nothing was lost and every handed-in sitting has a score.
     * {@code lostAnswers} counts acknowledged answers the server's sheets do not hold.
     */
    record Result(
            int sittings,
            int matched,
            int unconfirmed,
            List<String> mismatches,
            int lostAnswers,
            int submittedExpected,
            int scored,
            List<String> scoreProblems) {

        boolean ok() {
            return mismatches.isEmpty() && scoreProblems.isEmpty();
        }
    }

    record Check(
            boolean match,
            boolean unconfirmedOnly,
            String mismatch,
            int lost,
            boolean scoreExpected,
            String scoreProblem) {}

    private AnswerVerification() {}

    static Future<Result> verify(
            Context context, StaffSession admin, List<SimulatedTerminal> terminals, int concurrency, AtomicLong done) {
        List<SimulatedTerminal> answering =
                terminals.stream().filter(SimulatedTerminal::hasPaper).toList();
        return Concurrently.each(
                        context,
                        answering,
                        concurrency,
                        done,
                        t -> admin.get("/api/sittings/" + t.sittingId() + "/answer-sheet")
                                .map(sheet -> check(
                                        "sitting " + t.sittingId() + " (terminal " + t.terminalId + ", seat " + t.seatNo
                                                + ")",
                                        t.acknowledged(),
                                        t.submitted(),
                                        sheet)))
                .map(checks -> {
                    int matched = 0;
                    int unconfirmed = 0;
                    int scoreExpected = 0;
                    int scored = 0;
                    int lost = 0;
                    List<String> mismatches = new ArrayList<>();
                    List<String> scoreProblems = new ArrayList<>();
                    for (Check c : checks) {
                        lost += c.lost();
                        if (c.match()) {
                            matched++;
                        } else if (c.unconfirmedOnly()) {
                            unconfirmed++;
                        } else {
                            mismatches.add(c.mismatch());
                        }
                        if (c.scoreExpected()) {
                            scoreExpected++;
                            if (c.scoreProblem() == null) {
                                scored++;
                            } else {
                                scoreProblems.add(c.scoreProblem());
                            }
                        }
                    }
                    return new Result(
                            checks.size(),
                            matched,
                            unconfirmed,
                            Collections.unmodifiableList(mismatches),
                            lost,
                            scoreExpected,
                            scored,
                            Collections.unmodifiableList(scoreProblems));
                });
    }

    static Check check(String who, AcknowledgedAnswers terminal, boolean handedIn, JsonObject sheet) {
        Map<Integer, String> stored = new TreeMap<>();
        JsonObject answers = sheet.getJsonObject("answers", new JsonObject());
        answers.forEach(e -> stored.put(Integer.parseInt(e.getKey()), String.valueOf(e.getValue())));
        Map<Integer, String> acknowledged = new TreeMap<>(terminal.answers());
        List<AnswerStep> unresolved = terminal.unresolved();
        int lastSeq = sheet.getInteger("lastSeq", 0);

        boolean match = stored.equals(acknowledged) && lastSeq >= terminal.highestSeq();
        boolean explained = !match;
        int lost = 0;
        List<String> differences = new ArrayList<>();
        if (!match) {
            TreeSet<Integer> items = new TreeSet<>(stored.keySet());
            items.addAll(acknowledged.keySet());
            for (int item : items) {
                String server = stored.get(item);
                String expected = acknowledged.get(item);
                if (Objects.equals(server, expected)) {
                    continue;
                }
                AnswerStep acked = terminal.latest(item);
                boolean byUnresolved = server != null
                        && unresolved.stream()
                                .anyMatch(u -> u.item() == item
                                        && (acked == null || u.seq() > acked.seq())
                                        && u.labels().equals(server));
                explained &= byUnresolved;
                if (expected != null && !byUnresolved) {
                    lost++;
                }
                differences.add("item " + item + ": server " + quote(server) + ", acknowledged " + quote(expected)
                        + (acked == null ? "" : " (seq " + acked.seq() + ")")
                        + (byUnresolved ? " [an unacknowledged step]" : ""));
            }
            if (lastSeq < terminal.highestSeq()) {
                explained = false;
                differences.add("server lastSeq " + lastSeq + " < acknowledged seq " + terminal.highestSeq());
            }
        }
        String mismatch = match ? null : who + ": " + String.join("; ", differences);

        String scoreProblem = null;
        if (handedIn) {
            if (!"SUBMITTED".equals(sheet.getString("status"))) {
                scoreProblem = who + " was handed in but its status is " + sheet.getString("status");
            } else if (sheet.getValue("score") == null) {
                scoreProblem = who + " was handed in but has no score";
            }
        }
        return new Check(match, explained, mismatch, lost, handedIn, scoreProblem);
    }

    private static String quote(String labels) {
        return labels == null ? "none" : "\"" + labels + "\"";
    }
}
