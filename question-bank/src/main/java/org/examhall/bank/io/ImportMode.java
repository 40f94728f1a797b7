package org.examhall.bank.io;

/** Whether an import changes the bank or only reports what it would do. */
public enum ImportMode {
    DRY_RUN,
    APPLY
}
