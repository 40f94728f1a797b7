package org.examhall.bank.blueprint;

/** Exactly {@code count} questions of a section have a difficulty from {@code from} to {@code to}. */
public record DifficultyBand(int from, int to, int count) {

    public boolean contains(int difficulty) {
        return difficulty >= from && difficulty <= to;
    }

    public String describe() {
        return from == to ? "difficulty " + from : "difficulty " + from + "-" + to;
    }

    public String describeZh() {
        return from == to ? "难度 " + from : "难度 " + from + "–" + to;
    }
}
