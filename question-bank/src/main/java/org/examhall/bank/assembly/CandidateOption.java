package org.examhall.bank.assembly;

/** An option as displayed: the label the candidate answers with and its text. */
public record CandidateOption(String label, String text) {}
