package org.examhall.proctor.ingest;

/**
 * Makes one connection's timestamps acceptable to every muxer, doing at least what the {@code ffmpeg} command
 * line does with {@code -c copy}, so that no camera that the command line can record stops the archive:
 * <ul>
 *     <li>a missing DTS is filled (RTP carries only one timestamp, so B-frame streams over RTSP arrive without
 *     DTS or with DTS = PTS): the filled DTS advances by one frame duration and never passes the PTS, which is
 *     the decode order of a constant-rate stream;</li>
 *     <li>a DTS that does not increase is moved on by one tick (the command line's "Non-monotonous DTS"), and
 *     the PTS with it where it would fall behind;</li>
 *     <li>a jump back, or forward by more than the arrival times account for, starts a new timeline that
 *     continues where the output stopped, plus any pause in the packets' arrival (a camera reboot, a server looping its file, a clock jump, a 33-bit
 *     wrap); audio and video share one offset, so they stay in step across the jump. A recording read from
 *     a file has no arrival times, so only its jumps back count.</li>
 * </ul>
 * Pure arithmetic on each stream's own ticks, without FFmpeg types, so it is tested without media.
 */
public final class TimestampSanitizer {

    /** FFmpeg's AV_NOPTS_VALUE. */
    public static final long NONE = Long.MIN_VALUE;
    /** Going back by more than this is a new timeline rather than jitter to be smoothed over. */
    static final long MAX_BACKWARD_JUMP_MICROS = 500_000;
    /**
     * Media time may run ahead of the packets' arrival by this much from one packet to the next (a muxer's
     * audio interleaving, a reorder queue) before a forward skip is taken as a new timeline; a skip that the
     * arrival times match is real lost media (a burst of lost UDP) and is kept, so the archive's times stay true.
     * RTSP clients re-align their streams when the first RTCP report after a server's loop arrives, a forward
     * skip of seconds with no pause in arrival.
     */
    static final long MAX_AHEAD_OF_ARRIVAL_MICROS = 1_000_000;
    /** A filled DTS is kept within this distance of the PTS, so a lossy stream's DTS cannot lag for ever. */
    private static final long MAX_REORDER_MICROS = 500_000;

    /** What was done to a packet's timestamps; anything but {@code KEPT} is worth a line in the log. */
    public enum Repair {
        KEPT,
        FILLED,
        MONOTONIC,
        NEW_TIMELINE
    }

    /** The timestamps to write, in the stream's own ticks. */
    public record Fixed(long pts, long dts, Repair repair) {}

    /**
     * @param tbNum       the stream's time base numerator
     * @param tbDen       its denominator
     * @param frameTicks  one frame (or audio packet) in ticks, used until packets carry their own duration
     */
    public record Timing(long tbNum, long tbDen, long frameTicks) {

        long micros(long ticks) {
            // A double's 53 bits hold microseconds for centuries; timestamps here are hours.
            return Math.round((double) ticks * 1_000_000 * tbNum / tbDen);
        }

        long ticks(long micros) {
            return Math.round((double) micros * tbDen / (1_000_000.0 * tbNum));
        }
    }

    private static final class Stream {
        final Timing timing;
        long offset;
        long lastDts = NONE;
        long lastArrival = NONE;
        long frameTicks;
        int epoch;
        /** DTS was seen copied from the PTS of a reordered (B-frame) stream, so it is filled from now on. */
        boolean dtsCopiedFromPts;

        Stream(Timing timing) {
            this.timing = timing;
            this.frameTicks = Math.max(1, timing.frameTicks());
        }
    }

    private final Stream[] streams;
    /** The offset of the newest timeline, in microseconds, and its number, for the streams still to join it. */
    private long sharedOffsetMicros;

    private int epoch;

    /** @param timings indexed by the connection's stream index; null for streams that are not passed on */
    public TimestampSanitizer(Timing... timings) {
        streams = new Stream[timings.length];
        for (int i = 0; i < timings.length; i++) {
            streams[i] = timings[i] == null ? null : new Stream(timings[i]);
        }
    }

    /**
     * @param duration      the packet's duration in ticks, 0 or less when unknown
     * @param arrivalMicros when the packet arrived, on any monotonic clock; {@link #NONE} for a file
     * @return the timestamps to write, or null when the packet has none and nothing came before to place it by
     */
    public Fixed fix(int index, long pts, long dts, long duration, long arrivalMicros) {
        Stream s = streams[index];
        long sinceLast = arrivalMicros == NONE || s.lastArrival == NONE ? NONE : arrivalMicros - s.lastArrival;
        s.lastArrival = arrivalMicros;
        if (duration > 0) {
            s.frameTicks = duration;
        }
        long raw = dts != NONE ? dts : pts;
        if (raw == NONE) {
            if (s.lastDts == NONE) {
                return null;
            }
            long placed = s.lastDts + s.frameTicks;
            s.lastDts = placed;
            return new Fixed(placed, placed, Repair.FILLED);
        }
        Repair repair = Repair.KEPT;
        if (s.lastDts != NONE && !followOn(s, raw, sinceLast)) {
            // The new timeline starts as long after the old one's end as the packets' arrival says (a restarting
            // encoder pauses), so media time keeps pace with the wall clock that dates the archive.
            long paused = sinceLast == NONE ? 0 : s.timing.ticks(sinceLast);
            s.offset = s.lastDts + Math.max(s.frameTicks, paused) - raw;
            sharedOffsetMicros = s.timing.micros(s.offset);
            s.epoch = ++epoch;
            repair = Repair.NEW_TIMELINE;
        } else if (s.lastDts == NONE && s.epoch != epoch) {
            join(s);
        }
        long outPts = pts == NONE ? NONE : pts + s.offset;
        long outDts = dts == NONE ? NONE : dts + s.offset;
        // Reordering moves a frame back by at least a frame; less than that is jitter, smoothed below.
        if (dts == pts && s.lastDts != NONE && outDts <= s.lastDts - s.frameTicks / 2) {
            s.dtsCopiedFromPts = true;
        }
        if (outDts == NONE || s.dtsCopiedFromPts && dts == pts) {
            long filled = fillDts(s, outPts);
            if (filled != outDts && repair == Repair.KEPT) {
                repair = Repair.FILLED;
            }
            outDts = filled;
        }
        if (outPts == NONE) {
            outPts = outDts;
        }
        if (s.lastDts != NONE && outDts <= s.lastDts) {
            long next = s.lastDts + 1;
            if (outPts >= outDts) {
                outPts = Math.max(outPts, next);
            }
            outDts = next;
            if (repair == Repair.KEPT) {
                repair = Repair.MONOTONIC;
            }
        }
        if (outPts < outDts) {
            outPts = outDts;
            if (repair == Repair.KEPT) {
                repair = Repair.MONOTONIC;
            }
        }
        s.lastDts = outDts;
        return new Fixed(outPts, outDts, repair);
    }

    /**
     * Whether {@code raw} continues the stream's output. After another stream jumped, this packet may be on the
     * new timeline or still on the old one (interleaved after the jump): whichever offset puts it nearer to
     * where the stream's next packet belongs wins.
     */
    private boolean followOn(Stream s, long raw, long sinceLast) {
        if (s.epoch != epoch) {
            long shared = s.timing.ticks(sharedOffsetMicros);
            long expected = s.lastDts + s.frameTicks;
            if (continues(s, raw + shared, sinceLast)
                    && Math.abs(raw + shared - expected) < Math.abs(raw + s.offset - expected)) {
                s.offset = shared;
                s.epoch = epoch;
                return true;
            }
        }
        return continues(s, raw + s.offset, sinceLast);
    }

    /** A stream's first packet after another stream started a timeline takes that timeline's offset. */
    private void join(Stream s) {
        s.offset = s.timing.ticks(sharedOffsetMicros);
        s.epoch = epoch;
    }

    private static boolean continues(Stream s, long out, long sinceLast) {
        long deltaMicros = s.timing.micros(out - s.lastDts);
        return deltaMicros >= -MAX_BACKWARD_JUMP_MICROS
                && (sinceLast == NONE || deltaMicros <= Math.max(0, sinceLast) + MAX_AHEAD_OF_ARRIVAL_MICROS);
    }

    /**
     * One frame on from the last DTS, but never past the PTS (a frame is decoded before it is shown) and
     * never so far behind it that a stream with lost frames falls ever further back.
     */
    private static long fillDts(Stream s, long pts) {
        if (s.lastDts == NONE) {
            return pts;
        }
        long next = s.lastDts + s.frameTicks;
        long filled = pts == NONE ? next : Math.min(pts, next);
        if (pts != NONE) {
            filled = Math.max(filled, pts - s.timing.ticks(MAX_REORDER_MICROS));
        }
        return filled;
    }
}
