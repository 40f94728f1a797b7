package org.examhall.server.bank;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;

/**
 * What one change to the questions does: the bank after it, the questions it touched (only those
 * are written), what goes into the audit chain, and what the caller gets back. A change whose
 * {@code next} is the bank it started from writes nothing.
 */
public record QuestionChange<T>(QuestionBank next, Set<String> touched, List<Event> events, T result) {

    /** One audit entry of the change; the store adds the actor and the new bank version. */
    public record Event(String action, String target, JsonObject details) {}

    public QuestionChange {
        touched = Set.copyOf(touched);
        events = List.copyOf(events);
    }

    public static <T> QuestionChange<T> none(QuestionBank bank, T result) {
        return new QuestionChange<>(bank, Set.of(), List.of(), result);
    }

    public static <T> QuestionChange<T> of(QuestionBank next, Set<String> touched, Event event, T result) {
        return new QuestionChange<>(next, touched, List.of(event), result);
    }

    /** The ids {@code after} has and {@code before} has not, in id order. */
    public static Set<String> added(QuestionBank before, QuestionBank after) {
        Set<String> ids = new LinkedHashSet<>();
        for (Question question : after.latestVersions()) {
            if (before.latest(question.id()).isEmpty()) {
                ids.add(question.id());
            }
        }
        return ids;
    }
}
