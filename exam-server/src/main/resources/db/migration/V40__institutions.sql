-- Training institutions, their trainees and classes (一期), exam applications with proofs, sanctions,
-- and the retention of each class's archive (一期一档, at least 3 years).

-- Published results (added by the province connector in V30; kept here for databases migrated without it).
ALTER TABLE exam_session ADD COLUMN IF NOT EXISTS published_at TIMESTAMPTZ;

CREATE TABLE institution (
    id           BIGSERIAL   PRIMARY KEY,
    name         TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- 统一社会信用代码 (GB 32100), check character verified by the server
    credit_code  TEXT        NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    -- operation item codes the institution may train for, e.g. ELEC-LV
    scope        TEXT[]      NOT NULL CHECK (cardinality(scope) >= 1),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Contact accounts (role INSTITUTION) belong to their institution; a proctor may work at one too.
ALTER TABLE staff_account ADD COLUMN institution_id BIGINT REFERENCES institution (id);
CREATE INDEX staff_account_institution_idx ON staff_account (institution_id) WHERE institution_id IS NOT NULL;

-- A person trained by an institution; the ID number lives (encrypted) in person.
CREATE TABLE trainee (
    id              BIGSERIAL   PRIMARY KEY,
    institution_id  BIGINT      NOT NULL REFERENCES institution (id),
    person_id       BIGINT      NOT NULL REFERENCES person (id),
    employer        TEXT        NOT NULL DEFAULT '' CHECK (length(employer) <= 200),
    -- SM4-encrypted JPEG or PNG, handed to the session with the candidate
    photo_enc       BYTEA,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (institution_id, person_id)
);
CREATE INDEX trainee_person_idx ON trainee (person_id);

-- One training period (一期) for one operation item.
CREATE TABLE training_class (
    id              BIGSERIAL    PRIMARY KEY,
    institution_id  BIGINT       NOT NULL REFERENCES institution (id),
    name            TEXT         NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    operation_item  TEXT         NOT NULL,
    starts_on       DATE         NOT NULL,
    ends_on         DATE         NOT NULL CHECK (ends_on >= starts_on),
    required_hours  NUMERIC(6,1) NOT NULL CHECK (required_hours > 0),
    -- the class's archive is kept at least 3 years after it ends
    retain_until    DATE         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX training_class_institution_idx ON training_class (institution_id);

CREATE TABLE class_member (
    class_id    BIGINT      NOT NULL REFERENCES training_class (id),
    trainee_id  BIGINT      NOT NULL REFERENCES trainee (id),
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (class_id, trainee_id)
);

-- Attendance per member and day; a member's training hours are the sum.
CREATE TABLE class_attendance (
    class_id    BIGINT       NOT NULL,
    trainee_id  BIGINT       NOT NULL,
    day         DATE         NOT NULL,
    hours       NUMERIC(4,1) NOT NULL CHECK (hours >= 0 AND hours <= 24),
    PRIMARY KEY (class_id, trainee_id, day),
    FOREIGN KEY (class_id, trainee_id) REFERENCES class_member (class_id, trainee_id)
);

--   DRAFT      roster fixed, proofs being uploaded
--   SUBMITTED  waiting for the bureau's review
--   APPROVED   the bureau agreed; trainees wait for a session
--   REJECTED   the bureau refused, with a reason
--   ASSIGNED   the approved trainees are candidates of a session
CREATE TABLE exam_application (
    id              BIGSERIAL   PRIMARY KEY,
    institution_id  BIGINT      NOT NULL REFERENCES institution (id),
    class_id        BIGINT      NOT NULL REFERENCES training_class (id),
    retake_of       BIGINT      REFERENCES exam_application (id),
    status          TEXT        NOT NULL DEFAULT 'DRAFT'
                    CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'ASSIGNED')),
    submitted_at    TIMESTAMPTZ,
    reviewed_by     BIGINT      REFERENCES staff_account (id),
    reviewed_at     TIMESTAMPTZ,
    review_reason   TEXT,
    session_id      BIGINT      REFERENCES exam_session (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (retake_of IS NULL OR retake_of <> id)
);
CREATE INDEX exam_application_institution_idx ON exam_application (institution_id, id);
CREATE INDEX exam_application_class_idx ON exam_application (class_id);
-- One retake per application (a rejected retake application does not use it up).
CREATE UNIQUE INDEX exam_application_one_retake_idx ON exam_application (retake_of)
    WHERE retake_of IS NOT NULL AND status <> 'REJECTED';

-- The roster: each trainee with the training hours they had when the application was made.
CREATE TABLE application_trainee (
    application_id  BIGINT       NOT NULL REFERENCES exam_application (id),
    trainee_id      BIGINT       NOT NULL REFERENCES trainee (id),
    hours           NUMERIC(6,1) NOT NULL,
    sitting_id      BIGINT       REFERENCES sitting (id),
    PRIMARY KEY (application_id, trainee_id)
);
CREATE INDEX application_trainee_sitting_idx ON application_trainee (sitting_id) WHERE sitting_id IS NOT NULL;

-- Proof of 3 months of social insurance for the institution's managers: PDF, JPEG or PNG,
-- SM4-encrypted at rest, with the SM3 hash of the file as uploaded.
CREATE TABLE application_proof (
    id              BIGSERIAL   PRIMARY KEY,
    application_id  BIGINT      NOT NULL REFERENCES exam_application (id),
    file_name       TEXT        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    media_type      TEXT        NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes      INTEGER     NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
    sm3             TEXT        NOT NULL CHECK (sm3 ~ '^[0-9a-f]{64}$'),
    content_enc     BYTEA       NOT NULL,
    uploaded_by     BIGINT      NOT NULL REFERENCES staff_account (id),
    uploaded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX application_proof_application_idx ON application_proof (application_id);

-- Sanctions the bureau records; a suspension bars new applications between its dates.
CREATE TABLE institution_sanction (
    id              BIGSERIAL   PRIMARY KEY,
    institution_id  BIGINT      NOT NULL REFERENCES institution (id),
    kind            TEXT        NOT NULL CHECK (kind IN ('SUSPENSION')),
    starts_on       DATE        NOT NULL,
    ends_on         DATE        NOT NULL CHECK (ends_on >= starts_on),
    reason          TEXT        NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    recorded_by     BIGINT      NOT NULL REFERENCES staff_account (id),
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX institution_sanction_institution_idx ON institution_sanction (institution_id, starts_on);

-- 一期一档: nothing of a class's archive is deleted before its retention date.
CREATE FUNCTION training_archive_retained() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    keep_until DATE;
BEGIN
    IF TG_TABLE_NAME = 'training_class' THEN
        keep_until := OLD.retain_until;
    ELSIF TG_TABLE_NAME IN ('class_member', 'class_attendance') THEN
        SELECT retain_until INTO keep_until FROM training_class WHERE id = OLD.class_id;
    ELSIF TG_TABLE_NAME = 'exam_application' THEN
        SELECT retain_until INTO keep_until FROM training_class WHERE id = OLD.class_id;
    ELSE
        SELECT c.retain_until INTO keep_until
          FROM exam_application a JOIN training_class c ON c.id = a.class_id WHERE a.id = OLD.application_id;
    END IF;
    IF keep_until IS NOT NULL AND keep_until >= current_date THEN
        RAISE EXCEPTION 'training archive is retained until %', keep_until USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
END $$;

CREATE TRIGGER training_class_retained BEFORE DELETE ON training_class
    FOR EACH ROW EXECUTE FUNCTION training_archive_retained();
CREATE TRIGGER class_member_retained BEFORE DELETE ON class_member
    FOR EACH ROW EXECUTE FUNCTION training_archive_retained();
CREATE TRIGGER class_attendance_retained BEFORE DELETE ON class_attendance
    FOR EACH ROW EXECUTE FUNCTION training_archive_retained();
CREATE TRIGGER exam_application_retained BEFORE DELETE ON exam_application
    FOR EACH ROW EXECUTE FUNCTION training_archive_retained();
CREATE TRIGGER application_trainee_retained BEFORE DELETE ON application_trainee
    FOR EACH ROW EXECUTE FUNCTION training_archive_retained();
CREATE TRIGGER application_proof_retained BEFORE DELETE ON application_proof
    FOR EACH ROW EXECUTE FUNCTION training_archive_retained();
