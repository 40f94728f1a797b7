package org.examhall.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exam-server's request body limit, read from its configuration's source (this module does not build
 * against the server): the proxies in front of it must take bodies as large.
 */
final class ServerLimits {

    private static final Pattern BODY_LIMIT = Pattern.compile("public long bodyLimitBytes = (\\d+) \\* 1024 \\* 1024;");

    private ServerLimits() {}

    static int bodyLimitMegabytes() {
        try {
            String source = Files.readString(
                    CheckoutRoot.path()
                            .resolve("exam-server/src/main/java/org/examhall/server/config/ExamhallConfig.java"),
                    StandardCharsets.UTF_8);
            Matcher limit = BODY_LIMIT.matcher(source);
            if (!limit.find()) {
                throw new AssertionError(
                        "http.bodyLimitBytes is no longer written as N * 1024 * 1024 in ExamhallConfig: " + "update "
                                + ServerLimits.class.getSimpleName());
            }
            return Integer.parseInt(limit.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
