package org.examhall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RawJsonTest {

    @Test
    void theStoredJsonBecomesAMemberAsItIs() {
        String paper =
                "{\"sections\":[{\"type\":\"TRUE_FALSE\",\"items\":[{\"number\":1,\"stem\":\"动火作业 \\\"前\\\" 必须…\"}]}]}";
        JsonObject reply = new JsonObject(
                RawJson.with(new JsonObject().put("status", "ANSWERING").put("lastSeq", 3), "paper", paper));
        assertThat(reply.getString("status")).isEqualTo("ANSWERING");
        assertThat(reply.getInteger("lastSeq")).isEqualTo(3);
        assertThat(reply.getJsonObject("paper")).isEqualTo(new JsonObject(paper));
    }

    @Test
    void anEmptyObjectGetsTheMemberAlone() {
        assertThat(RawJson.with(new JsonObject(), "paper", "[1,2]").toString()).isEqualTo("{\"paper\":[1,2]}");
    }
}
