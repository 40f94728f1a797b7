package org.examhall.server.checkin.face;

import static org.assertj.core.api.Assertions.assertThat;

import org.examhall.server.checkin.face.Layers.Padding;
import org.junit.jupiter.api.Test;

/** The network operations against values worked out by hand with TensorFlow's rules. */
class LayersTest {

    /** 1-channel tensor from rows. */
    private static Tensor grid(float[][] rows) {
        Tensor t = new Tensor(rows.length, rows[0].length, 1);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[0].length; x++) {
                t.set(y, x, 0, rows[y][x]);
            }
        }
        return t;
    }

    @Test
    void samePaddingWithStrideTwoPadsAfterOnly() {
        // 4×4 input, 3×3 kernel of ones, stride 2: output 2×2, total padding 1, all of it after.
        Tensor in = grid(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}});
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        Tensor out = Layers.conv(in, ones, new float[] {0.5f}, 3, 2, Padding.SAME);
        assertThat(out.height).isEqualTo(2);
        assertThat(out.data)
                .containsExactly(
                        1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11 + 0.5f,
                        3 + 4 + 7 + 8 + 11 + 12 + 0.5f,
                        9 + 10 + 11 + 13 + 14 + 15 + 0.5f,
                        11 + 12 + 15 + 16 + 0.5f);
    }

    @Test
    void validPaddingDropsWhatTheWindowCannotCover() {
        Tensor in = grid(new float[][] {
            {1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11, 12, 13, 14, 15}, {16, 17, 18, 19, 20}, {21, 22, 23, 24, 25}
        });
        Tensor out = Layers.conv(in, new float[] {1, 0, 0, 0, 0, 0, 0, 0, 1}, new float[] {0}, 3, 2, Padding.VALID);
        assertThat(out.height).isEqualTo(2);
        assertThat(out.data).containsExactly(1 + 13, 3 + 15, 11 + 23, 13 + 25);
    }

    @Test
    void convolutionMixesChannelsWithFiltersLaidOutInThenOut() {
        Tensor in = new Tensor(1, 1, 2, new float[] {2, 3});
        // [1][1][in=2][out=2]: out0 = 1·in0 + 10·in1, out1 = 100·in0 + 1000·in1
        Tensor out = Layers.conv(in, new float[] {1, 100, 10, 1000}, new float[] {0, 1}, 1, 1, Padding.VALID);
        assertThat(out.data).containsExactly(32, 3201);
    }

    @Test
    void separableConvolutionIsDepthwiseThenPointwise() {
        Tensor in = new Tensor(1, 1, 2, new float[] {2, 3});
        Tensor out = Layers.separableConv(
                in,
                new float[] {0, 0, 0, 0, 0, 0, 0, 0, 5, 7, 0, 0, 0, 0, 0, 0, 0, 0},
                new float[] {1, 1},
                new float[] {0.25f},
                3,
                1,
                Padding.SAME);
        assertThat(out.data).containsExactly(2 * 5 + 3 * 7 + 0.25f);
    }

    @Test
    void poolsIgnoreThePadding() {
        Tensor in = grid(new float[][] {{-1, -2, -3}, {-4, -5, -6}, {-7, -8, -9}});
        Tensor max = Layers.maxPool(in, 2, 2, Padding.SAME);
        assertThat(max.data).containsExactly(-1, -3, -7, -9);
        Tensor avg = Layers.avgPool(in, 2, 2, Padding.SAME);
        assertThat(avg.data).containsExactly(-3, -4.5f, -7.5f, -9);
    }

    @Test
    void zeroExtendAppendsRowsColumnsAndChannels() {
        Tensor in = new Tensor(1, 1, 1, new float[] {4});
        Tensor out = Layers.zeroExtend(in, 2, 2, 2);
        assertThat(out.data).containsExactly(4, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void denseMultipliesInByOut() {
        assertThat(Layers.dense(new float[] {1, 2}, new float[] {1, 2, 3, 4, 5, 6}, new float[] {0, 0, 1}))
                .containsExactly(1 + 8, 2 + 10, 3 + 12 + 1);
    }

    @Test
    void leakyKeepsATenthOfNegatives() {
        assertThat(Layers.leaky(new Tensor(1, 2, 1, new float[] {-2, 3})).data).containsExactly(-0.2f, 3);
    }

    @Test
    void resizeIsTensorFlowsLegacyBilinear() {
        // 2 → 4: source positions 0, 0.5, 1, 1.5 (the last clamps to the edge pixel).
        Tensor out = Pixels.resize(grid(new float[][] {{0, 10}, {20, 30}}), 4, 4);
        assertThat(out.data).startsWith(0, 5, 10, 10, 10, 15, 20, 20);
    }

    @Test
    void padToSquareCentresOrPadsAfter() {
        Tensor wide = grid(new float[][] {{1, 2, 3}});
        assertThat(Pixels.padToSquare(wide, true).data).containsExactly(0, 0, 0, 1, 2, 3, 0, 0, 0);
        // An odd difference puts the larger half after, as face-api rounds it.
        Tensor tall = grid(new float[][] {{1}, {2}, {3}, {4}});
        assertThat(Pixels.padToSquare(tall, true).data).containsExactly(0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0);
        assertThat(Pixels.padToSquare(tall, false).data)
                .containsExactly(1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0);
    }
}
