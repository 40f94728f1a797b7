package org.examhall.proctor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.examhall.proctor.demo.RoomSound;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {

    /** Runs the room sound through analyzer and detector; speech gain per second of the scene. */
    private static List<ConditionTracker.Transition> run(double seconds, DoubleUnaryOperator speechAt) {
        RoomSound sound = new RoomSound(AudioAnalyzer.SAMPLE_RATE, 3);
        AudioAnalyzer analyzer = new AudioAnalyzer(0);
        VoiceActivityDetector vad = new VoiceActivityDetector(null, 8, 5, 1.5);
        List<ConditionTracker.Transition> transitions = new ArrayList<>();
        short[] chunk = new short[1600];
        for (int i = 0; i < seconds * 10; i++) {
            sound.fill(chunk, speechAt.applyAsDouble(i / 10.0), false);
            analyzer.accept(chunk, chunk.length, (features, t) -> {
                ConditionTracker.Transition tr = vad.frame(t, features);
                if (tr != null) {
                    transitions.add(tr);
                }
            });
        }
        ConditionTracker.Transition last = vad.finish();
        if (last != null) {
            transitions.add(last);
        }
        return transitions;
    }

    @Test
    void speechAgainstRoomNoiseIsFoundWithItsTimes() {
        List<ConditionTracker.Transition> t = run(30, s -> s >= 10 && s < 14 ? 1 : 0);
        assertThat(t).hasSize(2);
        assertThat(t.get(0).started()).isTrue();
        assertThat(t.get(0).at()).isCloseTo(10, within(0.8));
        assertThat(t.get(1).at()).isCloseTo(14, within(0.8));
        assertThat(t.get(0).confidence()).isGreaterThan(0.5);
    }

    @Test
    void whisperingIsFound() {
        List<ConditionTracker.Transition> t = run(30, s -> s >= 12 && s < 16 ? 0.25 : 0);
        assertThat(t).hasSize(2);
        assertThat(t.get(0).at()).isCloseTo(12, within(1.0));
    }

    @Test
    void roomNoiseWithTypingAloneRaisesNothing() {
        assertThat(run(60, s -> 0)).isEmpty();
    }

    @Test
    void calibratedAmbientLevelIsTheRoomsNoiseFloor() {
        VoiceActivityDetector vad = new VoiceActivityDetector(null, 8, 2, 1.5);
        AudioAnalyzer analyzer = new AudioAnalyzer(0);
        RoomSound sound = new RoomSound(AudioAnalyzer.SAMPLE_RATE, 5);
        short[] chunk = new short[1600];
        for (int i = 0; i < 30; i++) {
            sound.fill(chunk, 0, false);
            analyzer.accept(chunk, chunk.length, (f, time) -> vad.frame(time, f));
        }
        assertThat(vad.calibrated()).isTrue();
        assertThat(vad.ambientDb()).isBetween(-75.0, -40.0);
    }
}
