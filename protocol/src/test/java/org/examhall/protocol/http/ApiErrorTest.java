package org.examhall.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    private static final ApiError NOT_FOUND = new ApiError(404, "NOT_FOUND", "不存在", "Not found");

    @Test
    void theBodyCarriesTheCodeBothLanguagesAndTheRequestId() throws Exception {
        String json = new ObjectMapper().writeValueAsString(NOT_FOUND.body("req-1"));

        assertThat(json)
                .isEqualTo("{\"code\":\"NOT_FOUND\",\"message\":{\"zh\":\"不存在\",\"en\":\"Not found\"},"
                        + "\"requestId\":\"req-1\"}");
    }

    @Test
    void withoutARequestIdTheBodyLeavesTheFieldOut() {
        assertThat(NOT_FOUND.body(null)).containsOnlyKeys("code", "message");
    }

    @Test
    void aDetailIsAppendedInEachLanguage() {
        ApiError detailed = NOT_FOUND.withDetail("题目 7", "question 7");

        assertThat(detailed.zh()).isEqualTo("不存在：题目 7");
        assertThat(detailed.en()).isEqualTo("Not found: question 7");
        assertThat(detailed.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void onlyErrorStatusesAreErrors() {
        assertThatThrownBy(() -> new ApiError(200, "OK", "好", "fine")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiError(600, "X", "x", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theExceptionKeepsTheErrorAndItsExtraFields() {
        ApiException e = new ApiException(NOT_FOUND, Map.of("retryAfterSeconds", 30));

        assertThat(e.error()).isEqualTo(NOT_FOUND);
        assertThat(e.extra()).containsEntry("retryAfterSeconds", 30);
        assertThat(NOT_FOUND.exception().extra()).isNull();
        assertThat(e).hasMessage("NOT_FOUND: Not found");
    }
}
