package org.examhall.load;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Made-up candidates for one run: names, valid resident ID numbers (GB 11643 check character) that
 * are unique within the run and unlikely to meet another run's, and a face photo for each, with a
 * "live capture" that is the same picture with a little sensor noise (so the face check matches).
 */
final class CandidateFactory {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final String region;
    private final LocalDate firstBirthday;
    private final long photoSeed;

    record Candidate(int index, String fullName, String idNumber, long photoSeed) {}

    CandidateFactory(long seed) {
        Random random = new Random(seed);
        // Jiangsu (32xxxx) regions; a random district and a random run of birthdays per run.
        this.region = "32" + String.format("%04d", 100 + random.nextInt(9000));
        this.firstBirthday = LocalDate.of(1962, 1, 1).plusDays(random.nextInt(9000));
        this.photoSeed = random.nextLong();
    }

    /** The candidate number {@code index} (from 0) of this run; up to 1,000 share a birthday. */
    Candidate candidate(int index) {
        LocalDate birthday = firstBirthday.plusDays(index / 1000);
        String first17 = region + birthday.format(YYYYMMDD) + String.format("%03d", index % 1000);
        String name = "" + SURNAMES.charAt(index % SURNAMES.length())
                + GIVEN.charAt((index / SURNAMES.length()) % GIVEN.length())
                + GIVEN.charAt((index * 7 + 3) % GIVEN.length()) + (index + 1);
        return new Candidate(index, name, first17 + checkCharacter(first17), photoSeed + index * 7919L);
    }

    /** The ISO 7064 MOD 11-2 check character of GB 11643 for 17 digits. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /**
     * The enrolled photo (noise 0) or a live capture of the same person (noise &gt; 0): sensor noise
     * and the door's own light, a few grey levels apart, as a second real capture is (a copy of the
     * enrolled photo is refused as a replay). Light pixels get darker and dark ones lighter: a shift
     * towards white was clamped away on a near-white picture, which the server then refused as a
     * copy of the enrolled photo (1 candidate in 10,000). Base64 PNG.
     */
    private static final int DOOR_LIGHT = 5;

    static String photo(long seed, int noise) {
        Random random = new Random(seed);
        int w = 160;
        int h = 120;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(
                    30 + random.nextInt(80), 15 + random.nextInt(70), 10 + random.nextInt(40), 10 + random.nextInt(40));
        }
        g.dispose();
        if (noise > 0) {
            Random sensor = new Random(seed * 31 + noise);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    int d = DOOR_LIGHT + sensor.nextInt(2 * noise + 1) - noise;
                    int r = (rgb >> 16) & 0xff;
                    int gr = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    int shift = r * 299 + gr * 587 + b * 114 > 127_500 ? -d : d;
                    image.setRGB(x, y, (clamp(r + shift) << 16) | (clamp(gr + shift) << 8) | clamp(b + shift));
                }
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
