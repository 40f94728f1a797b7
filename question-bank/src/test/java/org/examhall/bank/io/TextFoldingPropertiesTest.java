package org.examhall.bank.io;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** Folding makes typing habits irrelevant, and nothing else. */
class TextFoldingPropertiesTest {

    @Property
    void folding_is_idempotent(@ForAll String text) {
        assertThat(TextFolding.fold(TextFolding.fold(text))).isEqualTo(TextFolding.fold(text));
    }

    @Property
    void whitespace_anywhere_does_not_matter(
            @ForAll @StringLength(max = 20) @CharRange(from = '一', to = '龥') String text, @ForAll int at) {
        int cut = Math.floorMod(at, text.length() + 1);
        String spaced = " " + text.substring(0, cut) + "\u3000 \n" + text.substring(cut) + "\t";
        assertThat(TextFolding.fold(spaced)).isEqualTo(TextFolding.fold(text));
    }

    @Property
    void full_width_and_half_width_ascii_fold_together(
            @ForAll @StringLength(max = 20) @CharRange(from = '!', to = '~') String ascii) {
        StringBuilder wide = new StringBuilder();
        ascii.chars().forEach(c -> wide.append((char) (c + 0xFEE0)));
        assertThat(TextFolding.fold(wide.toString())).isEqualTo(TextFolding.fold(ascii));
    }

    @Property
    void different_chinese_texts_stay_different(
            @ForAll @StringLength(min = 1, max = 10) @CharRange(from = '一', to = '龥') String a,
            @ForAll @StringLength(min = 1, max = 10) @CharRange(from = '一', to = '龥') String b) {
        assertThat(TextFolding.fold(a).equals(TextFolding.fold(b))).isEqualTo(a.equals(b));
    }
}
