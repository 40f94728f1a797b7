-- Proctor gateways (camera ingest and archive, one or more per site) and the anomalies they report.

CREATE TABLE gateway (
    id              BIGSERIAL   PRIMARY KEY,
    name            TEXT        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    site_id         BIGINT      NOT NULL REFERENCES exam_site (id),
    -- Where consoles fetch live view and clips from, e.g. http://10.1.2.3:8090
    public_url      TEXT        NOT NULL,
    token_hash      TEXT        NOT NULL UNIQUE,
    disabled        BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The name the gateway uses for a room's camera.
ALTER TABLE exam_room ADD COLUMN camera_key TEXT;
CREATE UNIQUE INDEX exam_room_camera_key_idx ON exam_room (site_id, camera_key);

CREATE TABLE anomaly (
    id              BIGSERIAL   PRIMARY KEY,
    gateway_id      BIGINT      NOT NULL REFERENCES gateway (id),
    room_id         BIGINT      REFERENCES exam_room (id),
    session_id      BIGINT      REFERENCES exam_session (id),
    camera_key      TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    ended_at        TIMESTAMPTZ,
    confidence      NUMERIC(4, 3) NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    clip_url        TEXT,
    detail          TEXT        NOT NULL DEFAULT '',
    -- A gateway resends until acknowledged; the same report is stored once.
    report_key      TEXT        NOT NULL UNIQUE,
    status          TEXT        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CONFIRMED', 'DISMISSED')),
    reviewed_by     BIGINT      REFERENCES staff_account (id),
    review_reason   TEXT,
    reviewed_at     TIMESTAMPTZ,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX anomaly_session_idx ON anomaly (session_id, received_at);
