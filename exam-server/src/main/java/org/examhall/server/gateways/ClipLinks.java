package org.examhall.server.gateways;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which links a gateway may send as an anomaly's {@code clipUrl}: http(s) on the origin it registered with
 * (scheme, host and port of its {@code publicUrl}). The console renders the link for proctors to click,
 * with a viewing ticket attached, so anything else (a {@code javascript:} URL, another site, a look-alike
 * host) would run a script in the console or hand the ticket to someone else.
 */
final class ClipLinks {

    private ClipLinks() {}

    static boolean onGateway(String url, String publicUrl) {
        URI link = parsed(url);
        URI gateway = parsed(publicUrl);
        return link != null
                && gateway != null
                && link.getRawUserInfo() == null
                && link.getScheme()
                        .toLowerCase(Locale.ROOT)
                        .equals(gateway.getScheme().toLowerCase(Locale.ROOT))
                && link.getHost().equalsIgnoreCase(gateway.getHost())
                && port(link) == port(gateway);
    }

    /** An absolute http(s) URL with a host, or null. */
    private static URI parsed(String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
