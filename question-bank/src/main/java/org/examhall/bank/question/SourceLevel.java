package org.examhall.bank.question;

/** Who wrote a question: the national bank, the province, or the local bureau. */
public enum SourceLevel {
    NATIONAL,
    PROVINCIAL,
    LOCAL
}
