-- Browsers a staff member has signed in from. When an account is locked by guesses from elsewhere,
-- its owner can still sign in from a browser that proved itself before, with failures counted on
-- that browser alone: an attacker cannot lock every proctor out on exam day. Only a hash of the
-- browser's token is kept.
CREATE TABLE staff_device (
    token_hash      TEXT        NOT NULL,
    staff_id        BIGINT      NOT NULL REFERENCES staff_account (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    failed_attempts INTEGER     NOT NULL DEFAULT 0,
    locked_until    TIMESTAMPTZ,
    PRIMARY KEY (token_hash, staff_id)
);
CREATE INDEX staff_device_staff_idx ON staff_device (staff_id);
