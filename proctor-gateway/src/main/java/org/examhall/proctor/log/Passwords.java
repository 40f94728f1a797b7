package org.examhall.proctor.log;

import java.util.regex.Pattern;

/** Keeps camera passwords out of everything the gateway writes: logs, errors, gap reasons, anomalies. */
public final class Passwords {

    /** The user-info of a URL, {@code user:password@}, wherever it stands in a text (no spaces, slashes or '@' inside). */
    private static final Pattern CREDENTIALS = Pattern.compile("(?<=://)[^/@\\s]*@");

    private Passwords() {}

    /** Every {@code scheme://user:password@} in {@code text} as {@code scheme://user:***@}. */
    public static String masked(String text) {
        return CREDENTIALS.matcher(text).replaceAll(match -> {
            String userInfo = match.group();
            int colon = userInfo.indexOf(':');
            return colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***@";
        });
    }
}
