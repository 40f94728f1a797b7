-- Staff who sign in to the exam server. Candidates are not staff and never get a password here.
CREATE TABLE staff_account (
    id               BIGSERIAL PRIMARY KEY,
    username         TEXT        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    display_name     TEXT        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    role             TEXT        NOT NULL CHECK (role IN ('BUREAU_ADMIN', 'PROCTOR', 'INSTITUTION', 'AUDITOR')),
    password_hash    TEXT        NOT NULL,
    -- TOTP secret, SM4-encrypted with the node's data key; NULL until enrolled.
    totp_secret_enc  BYTEA,
    -- Last accepted TOTP time step: a code is never accepted twice.
    totp_last_step   BIGINT      NOT NULL DEFAULT 0,
    failed_attempts  INTEGER     NOT NULL DEFAULT 0,
    locked_until     TIMESTAMPTZ,
    disabled         BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_login_at    TIMESTAMPTZ
);
