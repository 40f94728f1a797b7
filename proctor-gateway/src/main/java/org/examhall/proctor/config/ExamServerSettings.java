package org.examhall.proctor.config;

/** Where anomalies are reported, and the gateway's credential there (sent as a bearer token). */
public record ExamServerSettings(String url, String token) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        // The token is a secret; keep it out of logs.
        return "ExamServerSettings[url=" + url + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
