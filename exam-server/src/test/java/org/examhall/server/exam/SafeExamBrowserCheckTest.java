package org.examhall.server.exam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Safe Exam Browser's request hashes: SHA-256 of the absolute URL followed by the key, hex. */
class SafeExamBrowserCheckTest {

    private static final String URL = "https://exam.example.cn/api/exam/paper";
    private static final String CONFIG_KEY = "c3f1b6a9e2d4";

    @Test
    void aHashOfThisUrlWithAConfiguredKeyIsAccepted() {
        String header = SafeExamBrowserCheck.sha256Hex(URL + CONFIG_KEY);
        assertThat(SafeExamBrowserCheck.matches(header, URL, List.of("other", CONFIG_KEY)))
                .isTrue();
        assertThat(SafeExamBrowserCheck.matches(header.toUpperCase(), URL, List.of(CONFIG_KEY)))
                .isTrue();
    }

    @Test
    void aHashForAnotherUrlOrKeyOrNoHeaderIsRefused() {
        assertThat(SafeExamBrowserCheck.matches(
                        SafeExamBrowserCheck.sha256Hex(URL + "?x" + CONFIG_KEY), URL, List.of(CONFIG_KEY)))
                .isFalse();
        assertThat(SafeExamBrowserCheck.matches(
                        SafeExamBrowserCheck.sha256Hex(URL + "wrong"), URL, List.of(CONFIG_KEY)))
                .isFalse();
        assertThat(SafeExamBrowserCheck.matches(null, URL, List.of(CONFIG_KEY))).isFalse();
    }

    @Test
    void theKnownSha256OfAbcIsComputed() {
        assertThat(SafeExamBrowserCheck.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
