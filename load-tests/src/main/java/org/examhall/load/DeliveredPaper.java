package org.examhall.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a simulated terminal keeps of {@code GET /api/exam/paper}: its token, where its sequence
 * resumes, and each item's number, type and option labels.
 *
 * <p>Read from the response bytes with a streaming parser that skips everything else. Building the
 * whole JSON tree of ten thousand papers (stems, option texts) in the seconds of a start storm
 * made the simulator's young collections copy and promote it, with pauses of up to 500 ms that its
 * latencies then showed as the server's.
 */
record DeliveredPaper(String candidateToken, int lastSeq, List<SimulatedTerminal.Item> items) {

    private static final JsonFactory JSON = new JsonFactory();
    /** Every item of every paper shares one copy of its label list ("A".."D" and so on). */
    private static final Map<List<String>, List<String>> LABEL_LISTS = new ConcurrentHashMap<>();

    static DeliveredPaper read(byte[] body) throws IOException {
        try (JsonParser json = JSON.createParser(body)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            String token = null;
            int lastSeq = 0;
            List<SimulatedTerminal.Item> items = new ArrayList<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "candidateToken" -> token = value == JsonToken.VALUE_NULL ? null : json.getText();
                    case "lastSeq" -> lastSeq = value == JsonToken.VALUE_NULL ? 0 : json.getIntValue();
                    case "paper" -> readPaper(json, value, items);
                    default -> json.skipChildren();
                }
            }
            return new DeliveredPaper(token, lastSeq, items);
        }
    }

    private static void readPaper(JsonParser json, JsonToken start, List<SimulatedTerminal.Item> items)
            throws IOException {
        if (start != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("sections".equals(field) && value == JsonToken.START_ARRAY) {
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    readSection(json, items);
                }
            } else {
                json.skipChildren();
            }
        }
    }

    private record RawItem(int number, String type, List<String> labels) {}

    private static void readSection(JsonParser json, List<SimulatedTerminal.Item> items) throws IOException {
        String sectionType = null;
        List<RawItem> raw = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                sectionType = json.getText();
            } else if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    raw.add(readItem(json));
                }
            } else {
                json.skipChildren();
            }
        }
        for (RawItem item : raw) {
            String type = item.type() != null ? item.type() : sectionType;
            List<String> labels = item.labels();
            if (labels.isEmpty() && "TRUE_FALSE".equals(type)) {
                labels = List.of("A", "B");
            }
            items.add(new SimulatedTerminal.Item(
                    item.number(),
                    type == null ? null : type.intern(),
                    LABEL_LISTS.computeIfAbsent(labels, List::copyOf)));
        }
    }

    private static RawItem readItem(JsonParser json) throws IOException {
        int number = 0;
        String type = null;
        List<String> labels = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ("number".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                number = json.getIntValue();
            } else if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                type = json.getText();
            } else if ("options".equals(field) && value == JsonToken.START_ARRAY) {
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String optionField = json.currentName();
                        JsonToken optionValue = json.nextToken();
                        if ("label".equals(optionField) && optionValue == JsonToken.VALUE_STRING) {
                            labels.add(json.getText());
                        } else {
                            json.skipChildren();
                        }
                    }
                }
            } else {
                json.skipChildren();
            }
        }
        return new RawItem(number, type, labels);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
