package org.examhall.proctor.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where segment files are kept. FFmpeg writes a segment to a local staging file; {@link #commit} makes it
 * part of the archive. On the local file system that is a rename in place; the object store
 * ({@code S3SegmentStore}) uploads the file (and its hash, for the store's own integrity check) and deletes
 * it once the store holds it. Keys are {@code site/room/yyyy-MM-dd/HH/file.ts}, usable as object keys
 * unchanged; a day's manifest and the room's day index have keys of the same shape
 * ({@code site/room/yyyy-MM-dd/manifest.jsonl}, {@code site/room/days.jsonl}), which is how archive-verify
 * reads them back.
 */
public interface SegmentStore {

    /** A local file to record the segment {@code key} into; it is not yet part of the archive. */
    Path stagingFile(String key) throws IOException;

    /** Moves the finished staging file of {@code key} into the archive. */
    void commit(String key) throws IOException;

    long size(String key) throws IOException;

    InputStream open(String key) throws IOException;

    /**
     * A local file with the segment's bytes, for FFmpeg to read (clip export, playback probing). The local
     * store returns the archived file itself; a remote store would download it to a cache.
     */
    Path localCopy(String key) throws IOException;

    void delete(String key) throws IOException;

    /** Every key under {@code prefix} (a room's day: {@code site/room/yyyy-MM-dd/}), staging files included. */
    List<String> list(String prefix) throws IOException;

    /** Staging files left behind under {@code prefix}, i.e. segments interrupted by a crash. */
    List<String> listStaging(String prefix) throws IOException;

    /** Makes an interrupted staging file an archived segment as it is, for crash recovery. */
    default void commitRecovered(String key) throws IOException {
        commit(key);
    }

    /**
     * The keys under {@code prefix} on this machine's disk, staging files included: what a crash can have left
     * unlisted. For the local store that is every key; an object store's are the files not yet sent.
     */
    default List<String> listOnDisk(String prefix) throws IOException {
        return list(prefix);
    }

    boolean exists(String key) throws IOException;

    /** Whether anything at all is kept under {@code prefix}. */
    boolean holdsAny(String prefix) throws IOException;

    /**
     * Whether the store's copy of a manifest may lag behind the segments it holds (a manifest is copied at each
     * seal, a segment at once), so that a segment newer than the last one its manifest lists is not yet listed
     * rather than extra.
     */
    default boolean manifestsLag() {
        return false;
    }

    /**
     * Whether retention may delete the segment now. The local store leaves that to the retention job; an
     * object store with Object Lock refuses to delete before the date it was given at upload.
     */
    default boolean deletable(String key, Instant now) {
        return true;
    }

    /**
     * Keeps (or releases) the segment beyond any retention date while an incident needs it. Locally the
     * incident holds themselves keep retention off; an object store sets its own legal hold.
     */
    default void legalHold(String key, boolean on) throws IOException {}
}
