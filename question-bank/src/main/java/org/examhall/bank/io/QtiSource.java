package org.examhall.bank.io;

/** One QTI item file: its name (reported with problems) and its bytes. */
public record QtiSource(String name, byte[] content) {}
