package org.examhall.proctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.protocol.config.ConfigException;
import org.examhall.protocol.crypto.Sm2;

/**
 * Finds the SM2 key pair that signs the manifests. A site configures its provisioned key; the demo
 * creates one in its data directory on first start (and says so), so the archive is still verifiable.
 */
final class GatewayKeys {

    private GatewayKeys() {}

    static Path privateKey(GatewayConfig config) {
        return config.signing().privateKey() != null
                ? config.signing().privateKey()
                : config.dataDir().resolve("keys/gateway-sm2-private.pem");
    }

    static Path publicKey(GatewayConfig config) {
        return config.signing().publicKey() != null
                ? config.signing().publicKey()
                : config.dataDir().resolve("keys/gateway-sm2-public.pem");
    }

    static KeyPair load(GatewayConfig config) throws IOException {
        Path privateKey = privateKey(config);
        if (!config.demo() && !Files.exists(privateKey)) {
            throw new ConfigException("signing.privateKey " + privateKey
                    + " does not exist: provision the gateway's SM2 key " + "(only demo mode generates one)");
        }
        if (config.demo() && !Files.exists(privateKey)) {
            KeyPair pair = Sm2.generate();
            Sm2.write(pair, privateKey, publicKey(config));
            return pair;
        }
        return new KeyPair(Sm2.readPublic(publicKey(config)), Sm2.readPrivate(privateKey));
    }
}
