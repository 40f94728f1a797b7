package org.examhall.proctor.detect;

/**
 * What an anomaly was, in the proctor's words, in both languages the console offers: a proctor on a Chinese
 * page must not read English, and the console redraws the other one on a language switch.
 */
public record Detail(String zh, String en) {

    /** A cause reported by the system itself (an FFmpeg error, an I/O message), after a translated lead-in. */
    public static Detail because(String zhLead, String enLead, String cause) {
        return new Detail(zhLead + "：" + cause, enLead + ": " + cause);
    }
}
