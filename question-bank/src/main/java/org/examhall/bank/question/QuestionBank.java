package org.examhall.bank.question;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of the unified bank: every version of every question. Each change returns a
 * new snapshot with a higher {@link #version()}, so a bank version names one exact content and a paper
 * drawn from it can be drawn again. Questions are kept sorted by id so that everything derived from a
 * snapshot is independent of hash ordering.
 */
public final class QuestionBank {

    private final long version;
    private final NavigableMap<String, List<Question>> versionsById;

    private QuestionBank(long version, NavigableMap<String, List<Question>> versionsById) {
        this.version = version;
        this.versionsById = versionsById;
    }

    public static QuestionBank empty() {
        return new QuestionBank(0, new TreeMap<>());
    }

    /**
     * A snapshot as stored elsewhere (a database, an export). Versions of one id must be numbered
     * 1, 2, 3… and at most one of them may be active.
     */
    public static QuestionBank of(long version, Collection<Question> questions) {
        NavigableMap<String, List<Question>> byId = new TreeMap<>();
        for (Question question : questions) {
            byId.computeIfAbsent(question.id(), id -> new ArrayList<>()).add(question);
        }
        byId.replaceAll((id, versions) -> checkedVersions(id, versions));
        return new QuestionBank(version, byId);
    }

    private static List<Question> checkedVersions(String id, List<Question> versions) {
        List<Question> sorted = new ArrayList<>(versions);
        sorted.sort((a, b) -> Integer.compare(a.version(), b.version()));
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).version() != i + 1) {
                throw new IllegalArgumentException("versions of question " + id + " must be numbered 1.."
                        + sorted.size() + " without gaps or repeats");
            }
        }
        if (sorted.stream().filter(Question::isActive).count() > 1) {
            throw new IllegalArgumentException("question " + id + " has more than one active version");
        }
        return List.copyOf(sorted);
    }

    public long version() {
        return version;
    }

    public int size() {
        return versionsById.size();
    }

    public Optional<Question> find(QuestionRef ref) {
        List<Question> versions = versionsById.get(ref.id());
        if (versions == null || ref.version() > versions.size()) {
            return Optional.empty();
        }
        return Optional.of(versions.get(ref.version() - 1));
    }

    public Optional<Question> latest(String id) {
        List<Question> versions = versionsById.get(id);
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    public List<Question> versions(String id) {
        return versionsById.getOrDefault(id, List.of());
    }

    /** The newest version of every question, sorted by id. */
    public List<Question> latestVersions() {
        List<Question> latest = new ArrayList<>(versionsById.size());
        versionsById.values().forEach(versions -> latest.add(versions.get(versions.size() - 1)));
        return latest;
    }

    /** Every version of every question, sorted by id then version. */
    public List<Question> allVersions() {
        List<Question> all = new ArrayList<>();
        versionsById.values().forEach(all::addAll);
        return all;
    }

    /** The versions papers may be drawn from, sorted by id. */
    public List<Question> active() {
        List<Question> active = new ArrayList<>();
        for (List<Question> versions : versionsById.values()) {
            for (Question question : versions) {
                if (question.isActive()) {
                    active.add(question);
                }
            }
        }
        return active;
    }

    /** A new question as version 1 in DRAFT. */
    public QuestionBank add(String id, QuestionContent content) {
        if (versionsById.containsKey(id)) {
            throw new IllegalArgumentException("question id already in the bank: " + id);
        }
        return with(id, List.of(new Question(id, 1, QuestionStatus.DRAFT, content)));
    }

    /**
     * Adds new drafts under ids {@code prefix-00001}, {@code prefix-00002}… skipping ids in use, in
     * the order given, as one change.
     */
    public QuestionBank addAll(String idPrefix, List<QuestionContent> contents) {
        NavigableMap<String, List<Question>> next = new TreeMap<>(versionsById);
        int serial = 0;
        for (QuestionContent content : contents) {
            String id;
            do {
                serial++;
                id = String.format("%s-%05d", idPrefix, serial);
            } while (next.containsKey(id));
            next.put(id, List.of(new Question(id, 1, QuestionStatus.DRAFT, content)));
        }
        return new QuestionBank(version + 1, next);
    }

    /**
     * An edit. A version that has never been active is replaced in place and goes back to DRAFT,
     * since no paper can hold it; an active or retired version stays as it is and the edit becomes
     * a new DRAFT version, so papers that hold the old version still score against the old text.
     */
    public QuestionBank revise(String id, QuestionContent content) {
        Question latest = latest(id).orElseThrow(() -> new IllegalArgumentException("no question " + id));
        List<Question> versions = new ArrayList<>(versions(id));
        boolean everIssued = latest.status() == QuestionStatus.ACTIVE || latest.status() == QuestionStatus.RETIRED;
        if (everIssued) {
            versions.add(new Question(id, latest.version() + 1, QuestionStatus.DRAFT, content));
        } else {
            versions.set(versions.size() - 1, new Question(id, latest.version(), QuestionStatus.DRAFT, content));
        }
        return with(id, versions);
    }

    /**
     * Moves one version through the life cycle. Activating a version retires the version that was
     * active before it, so at most one version of a question is ever drawn.
     */
    public QuestionBank transition(QuestionRef ref, QuestionStatus next) {
        Question current = find(ref).orElseThrow(() -> new IllegalArgumentException("no question " + ref));
        List<Question> versions = new ArrayList<>(versions(ref.id()));
        if (next == QuestionStatus.ACTIVE) {
            versions.replaceAll(q -> q.isActive() ? q.withStatus(QuestionStatus.RETIRED) : q);
        }
        versions.set(ref.version() - 1, current.withStatus(next));
        return with(ref.id(), versions);
    }

    private QuestionBank with(String id, List<Question> versions) {
        NavigableMap<String, List<Question>> next = new TreeMap<>(versionsById);
        next.put(id, List.copyOf(versions));
        return new QuestionBank(version + 1, next);
    }
}
