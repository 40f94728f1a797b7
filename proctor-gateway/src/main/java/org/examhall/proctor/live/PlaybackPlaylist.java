package org.examhall.proctor.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.examhall.proctor.archive.ArchivedSegment;

/**
 * A VOD HLS playlist over archived segments: the archive's MPEG-TS files are served as they are, so
 * playback costs no transcoding and shows exactly the bytes the manifest vouches for. Where the
 * recording has a hole (camera offline), a discontinuity tells the player to expect a timestamp jump.
 */
public final class PlaybackPlaylist {

    /** Two segments further apart than this are not continuous. */
    private static final Duration CONTINUOUS = Duration.ofSeconds(1);

    private PlaybackPlaylist() {}

    /**
     * @param segmentUrl base of the segment links; each is {@code segmentUrl + day + "/" + path}
     */
    public static String build(List<ArchivedSegment> segments, Instant from, String segmentUrl) {
        double longest = segments.stream()
                .mapToDouble(s -> s.duration().toMillis() / 1000.0)
                .max()
                .orElse(1);
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-PLAYLIST-TYPE:VOD\n")
                .append("#EXT-X-TARGETDURATION:")
                .append((long) Math.ceil(longest))
                .append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:0\n");
        if (!segments.isEmpty() && from.isAfter(segments.get(0).start())) {
            // Start where the incident starts, not at the top of the first (up to a minute long) segment.
            m3u8.append(String.format(
                    Locale.ROOT,
                    "#EXT-X-START:TIME-OFFSET=%.3f,PRECISE=YES%n",
                    Duration.between(segments.get(0).start(), from).toMillis() / 1000.0));
        }
        Instant previousEnd = null;
        for (ArchivedSegment s : segments) {
            if (previousEnd != null
                    && Duration.between(previousEnd, s.start()).abs().compareTo(CONTINUOUS) > 0) {
                m3u8.append("#EXT-X-DISCONTINUITY\n");
            }
            m3u8.append(String.format(
                            Locale.ROOT, "#EXTINF:%.3f,%n", s.duration().toMillis() / 1000.0))
                    .append(segmentUrl)
                    .append(s.day())
                    .append('/')
                    .append(s.path())
                    .append('\n');
            previousEnd = s.end();
        }
        return m3u8.append("#EXT-X-ENDLIST\n").toString();
    }
}
