package org.examhall.proctor.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where segment files are kept. FFmpeg writes a segment to a local staging file; {@link #commit} makes it
 * part of the archive. On the local file system that is a rename in place; an object-store implementation
 * would upload the staging file (and its hash, for the store's own integrity check) and then delete it.
 * Keys are {@code site/room/yyyy-MM-dd/HH/file.ts}, usable as object keys unchanged.
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
}
