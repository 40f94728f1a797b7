package org.examhall.server.gateways;

import org.examhall.server.http.Errors;

/** The name a gateway gives a room's camera: what rooms are mapped by, and what archive heads are kept under. */
final class CameraKeys {

    private CameraKeys() {}

    static String require(String key) {
        if (!key.matches("[A-Za-z0-9._-]{1,100}")) {
            throw Errors.invalid("cameraKey 只能包含字母、数字和 . _ -", "cameraKey may hold letters, digits, '.', '_' and '-'");
        }
        return key;
    }
}
