package org.examhall.server.province;

import io.vertx.core.json.JsonObject;

/** One registration at the province's unified registration entry (统一报名入口). */
public record Registration(long seq, String registrationId, String fullName, String idNumber, String operationItem,
                           String institution) {

  public JsonObject toJson() {
    return new JsonObject().put("seq", seq).put("registrationId", registrationId).put("fullName", fullName)
        .put("idNumber", idNumber).put("operationItem", operationItem).put("institution", institution);
  }

  /** @throws IllegalArgumentException naming the first field that is missing or wrong */
  public static Registration fromJson(JsonObject json) {
    if (!(json.getValue("seq") instanceof Number seq) || seq.longValue() <= 0) {
      throw new IllegalArgumentException("seq must be a positive number");
    }
    Object institution = json.getValue("institution");
    return new Registration(seq.longValue(), Envelope.text(json, "registrationId"), Envelope.text(json, "fullName"),
        Envelope.text(json, "idNumber"), Envelope.text(json, "operationItem"),
        institution instanceof String s ? s : "");
  }
}
