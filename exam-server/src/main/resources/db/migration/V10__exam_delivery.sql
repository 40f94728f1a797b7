-- Exam delivery: sites, rooms, terminals, sessions, sittings, the append-only answer log.

CREATE TABLE exam_site (
    id          BIGSERIAL   PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    address     TEXT        NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE exam_room (
    id          BIGSERIAL   PRIMARY KEY,
    site_id     BIGINT      NOT NULL REFERENCES exam_site (id),
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (site_id, name)
);

-- A terminal enrols once with a one-time code (stored hashed) and then authenticates with its own
-- device credential (stored hashed). Seats are numbered per room; a terminal sits at one seat.
CREATE TABLE terminal (
    id                  BIGSERIAL   PRIMARY KEY,
    room_id             BIGINT      NOT NULL REFERENCES exam_room (id),
    seat_no             INTEGER     NOT NULL CHECK (seat_no BETWEEN 1 AND 500),
    enrol_code_hash     TEXT,
    enrol_code_expires  TIMESTAMPTZ,
    credential_hash     TEXT UNIQUE,
    enrolled_at         TIMESTAMPTZ,
    disabled            BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (room_id, seat_no)
);

CREATE TABLE exam_session (
    id                BIGSERIAL   PRIMARY KEY,
    room_id           BIGINT      NOT NULL REFERENCES exam_room (id),
    operation_item    TEXT        NOT NULL,
    blueprint_id      TEXT        NOT NULL,
    title             TEXT        NOT NULL,
    starts_at         TIMESTAMPTZ NOT NULL,
    duration_minutes  INTEGER     NOT NULL CHECK (duration_minutes BETWEEN 10 AND 600),
    state             TEXT        NOT NULL DEFAULT 'SCHEDULED'
                      CHECK (state IN ('SCHEDULED', 'CHECK_IN', 'RUNNING', 'CLOSED', 'SCORED')),
    show_score        BOOLEAN     NOT NULL DEFAULT FALSE,
    seat_draw_seed    BIGINT,
    running_since     TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE session_proctor (
    session_id  BIGINT NOT NULL REFERENCES exam_session (id),
    staff_id    BIGINT NOT NULL REFERENCES staff_account (id),
    PRIMARY KEY (session_id, staff_id)
);

-- The enrolled photo for the face check at the door, SM4-encrypted like the ID number.
ALTER TABLE person ADD COLUMN photo_enc BYTEA;

-- One candidate's sitting of one session: identity, seat, terminal, clock, paper and result.
CREATE TABLE sitting (
    id                    BIGSERIAL   PRIMARY KEY,
    session_id            BIGINT      NOT NULL REFERENCES exam_session (id),
    person_id             BIGINT      NOT NULL REFERENCES person (id),
    ticket_no             TEXT        NOT NULL,
    seat_no               INTEGER,
    terminal_id           BIGINT      REFERENCES terminal (id),
    status                TEXT        NOT NULL DEFAULT 'REGISTERED'
                          CHECK (status IN ('REGISTERED', 'CHECKED_IN', 'ANSWERING', 'PAUSED', 'SUBMITTED', 'VOIDED')),
    doubtful              BOOLEAN     NOT NULL DEFAULT FALSE,
    face_failures         INTEGER     NOT NULL DEFAULT 0,
    checked_in_at         TIMESTAMPTZ,
    started_at            TIMESTAMPTZ,
    deadline              TIMESTAMPTZ,
    paused_at             TIMESTAMPTZ,
    extra_seconds         INTEGER     NOT NULL DEFAULT 0,
    submitted_at          TIMESTAMPTZ,
    submit_reason         TEXT,
    doubtful_confirmed_by BIGINT[]    NOT NULL DEFAULT '{}',
    paper                 TEXT,
    candidate_paper       TEXT,
    paper_seed            BIGINT,
    item_count            INTEGER,
    score                 NUMERIC(6, 2),
    passed                BOOLEAN,
    score_report          TEXT,
    UNIQUE (session_id, person_id),
    UNIQUE (session_id, ticket_no),
    UNIQUE (session_id, seat_no)
);

CREATE INDEX sitting_deadline_idx ON sitting (deadline) WHERE status = 'ANSWERING';

-- Every answer change, never overwritten: the current sheet is the highest sequence per item.
-- (sitting_id, seq) is the idempotency key of a terminal's autosave.
CREATE TABLE answer_step (
    sitting_id   BIGINT      NOT NULL REFERENCES sitting (id),
    seq          INTEGER     NOT NULL CHECK (seq > 0),
    item_no      INTEGER     NOT NULL CHECK (item_no > 0),
    labels       TEXT        NOT NULL CHECK (labels ~ '^[A-F]{0,6}$'),
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sitting_id, seq)
);

-- Incidents recorded by proctors (and anomalies they confirmed), with the video time range.
CREATE TABLE incident (
    id              BIGSERIAL   PRIMARY KEY,
    session_id      BIGINT      NOT NULL REFERENCES exam_session (id),
    sitting_id      BIGINT      REFERENCES sitting (id),
    kind            TEXT        NOT NULL,
    severity        TEXT        NOT NULL CHECK (severity IN ('NOTE', 'ORDINARY', 'SERIOUS')),
    description     TEXT        NOT NULL,
    video_from      TIMESTAMPTZ,
    video_to        TIMESTAMPTZ,
    recorded_by     BIGINT      NOT NULL REFERENCES staff_account (id),
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A serious action (voiding a sitting) waits here for a second proctor's confirmation.
CREATE TABLE pending_void (
    sitting_id      BIGINT      PRIMARY KEY REFERENCES sitting (id),
    requested_by    BIGINT      NOT NULL REFERENCES staff_account (id),
    reason          TEXT        NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The room record (考场记录) is signed off by two proctors, each with their own login.
CREATE TABLE room_record_signoff (
    session_id      BIGINT      NOT NULL REFERENCES exam_session (id),
    staff_id        BIGINT      NOT NULL REFERENCES staff_account (id),
    record_hash     TEXT        NOT NULL,
    signed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, staff_id)
);
