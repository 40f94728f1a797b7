package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert rules as Prometheus reads them: promtool checks their syntax and runs their unit tests, and every
 * alert has a test in which it fires and one in which it stays quiet, the quiet one before its {@code for:} has
 * passed when it has one.
 */
class PrometheusRulesTest {

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Promtool.Result result = Promtool.run(PrometheusRules.DIRECTORY, "check", "rules", PrometheusRules.RULES);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        Promtool.Result result = Promtool.run(PrometheusRules.DIRECTORY, "test", "rules", PrometheusRules.TESTS);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theExampleScrapeConfigurationIsValid() throws Exception {
        // The token files it names are the province's secrets: only the syntax can be checked here.
        Promtool.Result result =
                Promtool.run(PrometheusRules.DIRECTORY, "check", "config", "--syntax-only", PrometheusRules.CONFIG);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertIsTestedFiringAndQuietAndItsForDurationIsWaitedOut() throws Exception {
        List<PrometheusRules.Expectation> expectations = PrometheusRules.expectations();
        List<PrometheusRules.Alert> alerts = PrometheusRules.alerts();
        assertThat(alerts).isNotEmpty();
        for (PrometheusRules.Alert alert : alerts) {
            List<PrometheusRules.Expectation> own = expectations.stream()
                    .filter(e -> e.alert().equals(alert.name()))
                    .toList();
            assertThat(own).as(alert.name() + " fires in a test").anyMatch(PrometheusRules.Expectation::fires);
            assertThat(own).as(alert.name() + " stays quiet in a test").anyMatch(e -> !e.fires());
            if (!alert.forDuration().isEmpty()) {
                assertThat(own)
                        .as(alert.name() + " is quiet in a test before its for: " + alert.forDuration()
                                + " has passed, and fires later in the same test")
                        .anyMatch(quiet -> !quiet.fires()
                                && own.stream()
                                        .anyMatch(firing -> firing.fires()
                                                && firing.testName().equals(quiet.testName())
                                                && duration(firing.evalTime()).compareTo(duration(quiet.evalTime()))
                                                        > 0));
            }
        }
    }

    /** A promtool duration as the tests write them: a number of s, m or h. */
    private static Duration duration(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("unsupported duration " + text);
        };
    }
}
