package org.examhall.bank.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the bank's formats. */
final class Jackson {

    /**
     * Unknown fields are errors, so a typo in a hand-written blueprint fails loudly instead of silently
     * losing a constraint. Decimals keep their scale (18.0 stays 18.0), so an archived paper reads back
     * equal to the one that was scored.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Jackson() {}
}
