package org.examhall.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages' texts (webroot/i18n: the common ones, and one folder per page) say the same things in
 * Chinese and English: every dictionary has both files, with the same keys, and no text is empty.
 */
class I18nParityTest {

    private static final Path I18N = Path.of("src/main/resources/webroot/i18n");

    @Test
    void chineseAndEnglishHaveTheSameKeysAndNoEmptyText() throws IOException {
        List<Path> chinese;
        try (Stream<Path> files = Files.walk(I18N)) {
            chinese = files.filter(f -> f.getFileName().toString().equals("zh.json"))
                    .sorted()
                    .toList();
        }
        assertThat(chinese).as("dictionaries").hasSizeGreaterThanOrEqualTo(7);
        List<String> empty = new ArrayList<>();
        for (Path zhFile : chinese) {
            Path enFile = zhFile.resolveSibling("en.json");
            assertThat(enFile).as("the English beside %s", zhFile).exists();
            JsonObject zh = new JsonObject(Files.readString(zhFile));
            JsonObject en = new JsonObject(Files.readString(enFile));
            assertThat(en.fieldNames())
                    .as("keys of %s and %s", zhFile, enFile)
                    .containsExactlyInAnyOrderElementsOf(zh.fieldNames());
            for (JsonObject dictionary : List.of(zh, en)) {
                dictionary.forEach(entry -> {
                    if (!(entry.getValue() instanceof String text) || text.isBlank()) {
                        empty.add(zhFile.getParent() + ": " + entry.getKey());
                    }
                });
            }
        }
        assertThat(empty).as("empty texts").isEmpty();
    }
}
