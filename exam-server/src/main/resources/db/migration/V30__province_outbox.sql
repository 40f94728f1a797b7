-- The provincial platform connector: publication of results, the outbox of signed result packages,
-- and the registrations pulled from the province's unified registration entry (统一报名入口).

-- Results are published once per session; the outbox rows are written in the same transaction.
ALTER TABLE exam_session ADD COLUMN published_at TIMESTAMPTZ;

-- One signed result package per sitting and version. The package holds the full ID number (the
-- province is the system of record for certificates), so it is kept SM4-encrypted like every ID
-- number at rest; the signature covers the canonical JSON before encryption.
--   PENDING    waiting for its first attempt
--   FAILING    an attempt failed in a way worth retrying; next_attempt_at says when
--   REJECTED   the platform refused it (signature, format); retried only when an administrator asks
--   DELIVERED  the platform's signed receipt was verified
-- A node claims a due package by moving next_attempt_at past the attempt's longest duration (a
-- lease); a node that dies mid-attempt leaves the lease to run out, and another node sends again.
CREATE TABLE province_outbox (
    id                   BIGSERIAL   PRIMARY KEY,
    session_id           BIGINT      NOT NULL REFERENCES exam_session (id),
    sitting_id           BIGINT      NOT NULL REFERENCES sitting (id),
    version              INTEGER     NOT NULL DEFAULT 1 CHECK (version >= 1),
    bureau_id            TEXT        NOT NULL,
    idempotency_key      TEXT        NOT NULL UNIQUE,
    outcome              TEXT        NOT NULL CHECK (outcome IN ('SUBMITTED', 'VOIDED', 'ABSENT')),
    package_enc          BYTEA       NOT NULL,
    package_hash         TEXT        NOT NULL,
    signature            TEXT        NOT NULL,
    key_id               TEXT        NOT NULL,
    status               TEXT        NOT NULL DEFAULT 'PENDING'
                         CHECK (status IN ('PENDING', 'FAILING', 'REJECTED', 'DELIVERED')),
    attempts             INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_attempt_at      TIMESTAMPTZ,
    claimed_by           TEXT,
    last_error           TEXT,
    delivered_at         TIMESTAMPTZ,
    -- the platform's receivedAt exactly as it signed it, so the receipt can be verified again later
    receipt_received_at  TEXT,
    receipt_signature    TEXT,
    receipt_duplicate    BOOLEAN,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (sitting_id, version)
);

CREATE INDEX province_outbox_due_idx ON province_outbox (next_attempt_at, id) WHERE status IN ('PENDING', 'FAILING');
CREATE INDEX province_outbox_session_idx ON province_outbox (session_id);

-- Registrations taken from the province, each once: imported as a candidate or refused with a reason.
CREATE TABLE province_registration (
    registration_id  TEXT        PRIMARY KEY,
    seq              BIGINT      NOT NULL,
    operation_item   TEXT        NOT NULL,
    institution      TEXT        NOT NULL DEFAULT '',
    session_id       BIGINT      NOT NULL REFERENCES exam_session (id),
    sitting_id       BIGINT      REFERENCES sitting (id),
    outcome          TEXT        NOT NULL CHECK (outcome IN ('IMPORTED', 'ALREADY_IN_SESSION', 'INVALID_ID_NUMBER')),
    pulled_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX province_registration_item_idx ON province_registration (operation_item, seq);
