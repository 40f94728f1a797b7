package org.examhall.protocol.viewing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import org.examhall.protocol.crypto.Sm2;
import org.junit.jupiter.api.Test;

/**
 * The ticket format both sides read: tokens issued by exam-server before the format moved here (the server's
 * {@code gateways.ViewingTicket} with the bureau key below, checked then by the gateway's own
 * {@code viewing.ViewingTicket}) still verify, and a ticket signed now carries the very same payload bytes.
 */
class ViewingTicketTest {

    private static final String BUREAU_PUBLIC = """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE6HYXNvGXVpIpMNb4R9DxpC0Jbmw9
      QW5O++xbzrlbyinqSe8l3ZyxypQ3v3G3DiEcNDTm41JvGQUEy8QCU/jqqg==
      -----END PUBLIC KEY-----
      """;
    private static final String ISSUED_LIVE =
            "eyJ2IjoyLCJnYXRld2F5Ijo3LCJjYW1lcmEiOiJyb29tLTEwMSIsInN0YWZmIjoxMiwiZXhwIjoxNzY3MjI1NjAwLCJwdXJwb3NlIjoibGl2ZSJ9"
                    + ".MEQCIHPptlYnxCuuR9XY0SiZ2LYazIVDwudqIIImGJPhvliOAiAOQrFGLCdF_z7tacrLLzlfEomU7g_4qdccDDCpwt9oRw";
    private static final String ISSUED_PLAYBACK =
            "eyJ2IjoyLCJnYXRld2F5Ijo3LCJjYW1lcmEiOiLogIPlnLotMSIsInN0YWZmIjoxMiwiZXhwIjoxNzY3MjI1NjAwLCJw"
                    + "dXJwb3NlIjoicGxheWJhY2siLCJmcm9tIjoxNzY3MjIyMDAwLCJ0byI6MTc2NzIyOTIwMH0"
                    + ".MEUCIE0Jf0pnY8V-SldVrui3v025SYFG9mPFPAaYdrgCaNeWAiEApemvLqamtQXuqrUfqMNDYSmSeAOaAs02nwF5Cigmbag";
    private static final Instant EXPIRES = Instant.ofEpochSecond(1767225600);
    private static final Instant FROM = Instant.ofEpochSecond(1767222000);
    private static final Instant TO = Instant.ofEpochSecond(1767229200);

    private final KeyPair bureau = Sm2.generate();

    @Test
    void ticketsIssuedBeforeTheFormatMovedStillVerify() throws Exception {
        PublicKey key = Sm2.publicFromPem(BUREAU_PUBLIC);

        assertThat(ViewingTicket.verify(ISSUED_LIVE, key)).isEqualTo(ViewingTicket.live(7, "room-101", 12, EXPIRES));
        assertThat(ViewingTicket.verify(ISSUED_PLAYBACK, key))
                .isEqualTo(ViewingTicket.playback(7, "考场-1", 12, EXPIRES, FROM, TO));
    }

    @Test
    void aTicketSignedNowHasTheSamePayloadAsOneIssuedBefore() {
        assertThat(payload(ViewingTicket.live(7, "room-101", 12, EXPIRES)
                        .sign(text -> Sm2.sign(bureau.getPrivate(), text))))
                .isEqualTo(payload(ISSUED_LIVE))
                .isEqualTo(
                        "{\"v\":2,\"gateway\":7,\"camera\":\"room-101\",\"staff\":12,\"exp\":1767225600,\"purpose\":\"live\"}");
        assertThat(payload(ViewingTicket.playback(7, "考场-1", 12, EXPIRES, FROM, TO)
                        .sign(text -> Sm2.sign(bureau.getPrivate(), text))))
                .isEqualTo(payload(ISSUED_PLAYBACK));
    }

    @Test
    void whatTheServerSignsTheGatewayReadsBack() throws Exception {
        ViewingTicket playback = ViewingTicket.playback(9, "room-7", 3, EXPIRES, FROM, TO);

        assertThat(ViewingTicket.verify(playback.sign(text -> Sm2.sign(bureau.getPrivate(), text)), bureau.getPublic()))
                .isEqualTo(playback);
    }

    @Test
    void anotherKeyATamperedPayloadOrTheFirstVersionIsRefused() {
        String token = ViewingTicket.live(7, "room-101", 12, EXPIRES).sign(text -> Sm2.sign(bureau.getPrivate(), text));
        String forged = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                payload(token).replace("room-101", "room-102").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        String firstVersion = signed("{\"v\":1,\"gateway\":7,\"camera\":\"room-101\",\"staff\":12,\"exp\":1767225600}");

        assertThatThrownBy(() -> ViewingTicket.verify(token, Sm2.generate().getPublic()))
                .isInstanceOf(ViewingTicket.Invalid.class);
        assertThatThrownBy(() -> ViewingTicket.verify(forged, bureau.getPublic()))
                .isInstanceOf(ViewingTicket.Invalid.class);
        assertThatThrownBy(() -> ViewingTicket.verify(firstVersion, bureau.getPublic()))
                .isInstanceOf(ViewingTicket.Invalid.class);
        assertThatThrownBy(() -> ViewingTicket.verify("not.a.ticket", bureau.getPublic()))
                .isInstanceOf(ViewingTicket.Invalid.class);
    }

    @Test
    void aPlaybackTicketCoversItsRangeOnlyAndALiveTicketNone() {
        ViewingTicket playback = ViewingTicket.playback(7, "room-101", 12, EXPIRES, FROM, TO);

        assertThat(playback.covers(FROM, TO)).isTrue();
        assertThat(playback.covers(FROM.minusSeconds(1), TO)).isFalse();
        assertThat(playback.overlaps(FROM.minusSeconds(60), FROM.plusSeconds(1)))
                .isTrue();
        assertThat(playback.overlaps(TO, TO.plusSeconds(60))).isFalse();
        assertThat(ViewingTicket.live(7, "room-101", 12, EXPIRES).covers(FROM, TO))
                .isFalse();
    }

    private String signed(String json) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        byte[] signature =
                Base64.getDecoder().decode(Sm2.sign(bureau.getPrivate(), ViewingTicket.SIGNED_PREFIX + payload));
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static String payload(String token) {
        return new String(
                Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }
}
