package org.examhall.server.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdNumberTest {

    /** An example printed in GB 11643-1999 itself. */
    private static final String STANDARD_EXAMPLE_X = "11010519491231002X";
    /** Check digit computed independently of the code under test. */
    private static final String VALID_9 = "110105199003071239";

    private static String withCheck(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    @Test
    void checkCharacterFollowsIso7064Mod112() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("11010519900307123")).isEqualTo('9');
    }

    @Test
    void validNumbersAreAccepted() {
        assertThat(ResidentIdNumber.parse(STANDARD_EXAMPLE_X))
                .map(ResidentIdNumber::value)
                .hasValue(STANDARD_EXAMPLE_X);
        assertThat(ResidentIdNumber.parse(VALID_9)).map(ResidentIdNumber::value).hasValue(VALID_9);
    }

    @Test
    void theStandardsOtherExampleFrom1880IsRejectedBecauseNoCandidateIsBornBefore1900() {
        assertThat(ResidentIdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
        assertThat(ResidentIdNumber.parse("440524188001010014")).isEmpty();
    }

    @Test
    void aLowerCaseCheckXIsAcceptedAndNormalisedToUpperCase() {
        assertThat(ResidentIdNumber.parse("11010519491231002x"))
                .map(ResidentIdNumber::value)
                .hasValue(STANDARD_EXAMPLE_X);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(ResidentIdNumber.parse("  " + VALID_9 + "\t"))
                .map(ResidentIdNumber::value)
                .hasValue(VALID_9);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "110105194912310021", // right digits, wrong check character
                "11010519491231002Y",
                "110105199003071230",
                "11010519900307123X"
            })
    void aWrongCheckCharacterIsRejected(String input) {
        assertThat(ResidentIdNumber.parse(input)).isEmpty();
    }

    @Test
    void everySingleDigitTypoIsCaught() {
        // MOD 11-2 detects every single substitution error: the point of the check character.
        for (int i = 0; i < 17; i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == VALID_9.charAt(i)) {
                    continue;
                }
                String typo = VALID_9.substring(0, i) + d + VALID_9.substring(i + 1);
                assertThat(ResidentIdNumber.parse(typo)).as(typo).isEmpty();
            }
        }
    }

    @Test
    void impossibleBirthDatesAreRejectedEvenWithAValidCheckCharacter() {
        assertThat(ResidentIdNumber.parse(withCheck("11010519900230123")))
                .as("30 February")
                .isEmpty();
        assertThat(ResidentIdNumber.parse(withCheck("11010519900431123")))
                .as("31 April")
                .isEmpty();
        assertThat(ResidentIdNumber.parse(withCheck("11010519901301123")))
                .as("month 13")
                .isEmpty();
        assertThat(ResidentIdNumber.parse(withCheck("11010519900100123")))
                .as("day 0")
                .isEmpty();
        assertThat(ResidentIdNumber.parse(withCheck("11010519010229123")))
                .as("29 Feb of a common year")
                .isEmpty();
        assertThat(ResidentIdNumber.parse(withCheck("11010518991231123")))
                .as("before 1900")
                .isEmpty();
    }

    @Test
    void leapDaysOfLeapYearsAreAccepted() {
        assertThat(ResidentIdNumber.parse(withCheck("11010520000229123"))).isPresent();
        assertThat(ResidentIdNumber.parse(withCheck("11010519960229123"))).isPresent();
    }

    @Test
    void birthDatesInTheFutureAreRejectedButTodayIsAccepted() {
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        String tomorrow = LocalDate.now().plusDays(1).format(yyyymmdd);
        String nextYear = LocalDate.now().plusYears(1).format(yyyymmdd);
        String today = LocalDate.now().format(yyyymmdd);

        assertThat(ResidentIdNumber.parse(withCheck("110105" + tomorrow + "123")))
                .isEmpty();
        assertThat(ResidentIdNumber.parse(withCheck("110105" + nextYear + "123")))
                .isEmpty();
        assertThat(ResidentIdNumber.parse(withCheck("110105" + today + "123"))).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "110105491231002", // the old 15-digit form
                "11010519491231002", // 17: check character missing
                "11010519491231002X1", // 19
                "1101051949123100X2", // X not at the end
                "11010519491231 02X",
                "１１０１０５１９４９１２３１００２Ｘ" // full-width digits
            })
    void inputsOfTheWrongShapeAreRejected(String input) {
        assertThat(ResidentIdNumber.parse(input)).isEmpty();
    }

    @Test
    void regionCodesStartingWithZeroAreRejected() {
        assertThat(ResidentIdNumber.parse(withCheck("01010519491231002"))).isEmpty();
    }

    @Test
    void maskingKeepsRegionAndLastFourAndHidesTheBirthDate() {
        ResidentIdNumber id = ResidentIdNumber.parse(STANDARD_EXAMPLE_X).orElseThrow();

        assertThat(id.masked()).isEqualTo("110105********002X").hasSize(18).doesNotContain("19491231");
        assertThat(ResidentIdNumber.parse(VALID_9).orElseThrow().masked()).isEqualTo("110105********1239");
    }

    @Test
    void toStringIsMaskedSoLogsNeverCarryTheFullNumber() {
        ResidentIdNumber id = ResidentIdNumber.parse(STANDARD_EXAMPLE_X).orElseThrow();

        assertThat(id.toString()).isEqualTo("110105********002X");
    }
}
