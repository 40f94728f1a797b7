package org.examhall.proctor.config;

import org.examhall.protocol.config.ConfigException;

/**
 * The live view and playback server. {@code publicUrl} is how the proctor console reaches the gateway; it
 * is the base of the clip links sent with anomalies.
 */
public record HttpSettings(int port, String publicUrl) {

    public HttpSettings {
        port = port == 0 ? 8090 : port;
        if (port < 0 || port > 65535) {
            throw new ConfigException("http.port out of range: " + port);
        }
    }

    public String baseUrl() {
        return publicUrl != null && !publicUrl.isBlank() ? publicUrl.replaceAll("/+$", "") : "http://localhost:" + port;
    }
}
