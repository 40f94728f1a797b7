package org.examhall.proctor.viewing;

import java.security.PublicKey;

/** What checking a ticket needs: this gateway's id at exam-server (tickets name it) and the bureau's SM2 public key. */
public record ViewingKey(long gatewayId, PublicKey publicKey) {}
