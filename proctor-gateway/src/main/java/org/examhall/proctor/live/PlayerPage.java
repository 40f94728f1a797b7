package org.examhall.proctor.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The small HTML page that plays a live or recorded HLS stream with hls.js from the WebJar. */
final class PlayerPage {

    /** The hls.js WebJar version on the class path; its files are served under /webjars/hls.js/VERSION/. */
    static final String HLS_VERSION = hlsVersion();

    private static final String TEMPLATE = load();

    private PlayerPage() {}

    /** The ticket goes into the page so that the player can send it with every playlist and segment request. */
    static String render(String title, String source, String ticket) {
        return TEMPLATE.replace("{{title}}", escape(title))
                .replace("{{source}}", escape(source))
                .replace("{{ticket}}", escape(ticket))
                .replace("{{hlsVersion}}", HLS_VERSION);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String load() {
        try (InputStream in = PlayerPage.class.getResourceAsStream("player.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hlsVersion() {
        try (InputStream in =
                PlayerPage.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/hls.js/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the hls.js WebJar is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
