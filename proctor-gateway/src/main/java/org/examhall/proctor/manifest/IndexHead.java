package org.examhall.proctor.manifest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The last line of a room's day index after an entry is sealed: the seal's number and hash (which chain over
 * every entry before it), the day the sealed entry is about (null for a {@code recovery}) and when it was
 * written. Kept outside the archive, it shows whether the index was later cut back.
 */
public record IndexHead(String room, long seq, String hash, LocalDate day, Instant at) {}
