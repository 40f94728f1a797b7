package org.examhall.server.province;

/**
 * A delivery the platform did not accept. {@code retryable}: the network, a timeout, HTTP 5xx, 408,
 * 409 or 429, or a receipt that does not verify; otherwise the platform refused the package itself.
 */
public final class PlatformException extends RuntimeException {

    private final boolean retryable;

    public PlatformException(boolean retryable, String message) {
        super(message, null, false, false);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
