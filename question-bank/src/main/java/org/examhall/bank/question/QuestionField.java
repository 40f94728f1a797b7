package org.examhall.bank.question;

/** The parts of a question a problem can point at; importers map them to their own columns. */
public enum QuestionField {
    TYPE,
    STEM,
    IMAGE,
    OPTIONS,
    ANSWER,
    KNOWLEDGE_POINTS,
    DIFFICULTY,
    CATEGORY,
    SOURCE_LEVEL
}
