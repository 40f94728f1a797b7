package org.examhall.proctor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AudioLossDetectorTest {

    @Test
    void digitalSilenceIsLostAudioButAQuietRoomIsNot() {
        AudioAnalyzer analyzer = new AudioAnalyzer(0);
        AudioLossDetector detector = new AudioLossDetector(2);
        short[] quiet = new short[1600];
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = (short) ((i * 7919) % 21 - 10);
        }
        short[] zeros = new short[1600];
        ConditionTracker.Transition[] seen = new ConditionTracker.Transition[2];
        for (int i = 0; i < 80; i++) {
            short[] chunk = i >= 20 && i < 50 ? zeros : quiet;
            analyzer.accept(chunk, chunk.length, (f, t) -> {
                ConditionTracker.Transition tr = detector.frame(t, f);
                if (tr != null) {
                    seen[tr.started() ? 0 : 1] = tr;
                }
            });
        }
        assertThat(seen[0].at()).isCloseTo(2.0, within(0.05));
        assertThat(seen[1].at()).isCloseTo(4.98, within(0.05));
    }

    @Test
    void missingAudioPacketsAreDatedFromTheLastOne() {
        AudioLossDetector detector = new AudioLossDetector(3);
        assertThat(detector.noPackets(2, 1)).isNull();
        ConditionTracker.Transition started = detector.noPackets(4, 1);
        assertThat(started.started()).isTrue();
        assertThat(started.at()).isEqualTo(1);
    }
}
