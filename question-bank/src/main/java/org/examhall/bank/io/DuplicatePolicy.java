package org.examhall.bank.io;

/**
 * What an import does with an exact duplicate (same stem, options and key as a question before it).
 * Circulating banks repeat questions word for word, so skipping them is the usual wish; a conflicting
 * duplicate (same stem and options, another key) is always refused, whatever the policy.
 */
public enum DuplicatePolicy {
    /** Leave the duplicate out and warn. */
    SKIP,
    /** Refuse the import, naming the duplicate as a problem. */
    REFUSE
}
