-- Corrections of published results (成绩更正). A published result is never edited in place at the
-- province: each correction becomes a new package version that names the version it supersedes, and
-- this table keeps who changed what, when and why, with the values before and after.
CREATE TABLE result_correction (
    id              BIGSERIAL   PRIMARY KEY,
    session_id      BIGINT      NOT NULL REFERENCES exam_session (id),
    sitting_id      BIGINT      NOT NULL REFERENCES sitting (id),
    version         INTEGER     NOT NULL CHECK (version >= 2),
    kind            TEXT        NOT NULL CHECK (kind IN ('RESCORE', 'VOID')),
    reason          TEXT        NOT NULL CHECK (length(reason) > 0),
    -- for RESCORE: [{questionId, key}] with the key in the question's written option order
    key_corrections TEXT,
    outcome_before  TEXT        NOT NULL,
    outcome_after   TEXT        NOT NULL,
    score_before    NUMERIC(6, 2),
    score_after     NUMERIC(6, 2),
    passed_before   BOOLEAN,
    passed_after    BOOLEAN,
    -- the paper as it was scored before a key correction (the sitting keeps the corrected one, so
    -- rescoring it stays a pure function of its paper and answers)
    paper_before    TEXT,
    corrected_by    TEXT        NOT NULL,
    corrected_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (sitting_id, version)
);

-- The package a correction sends says which version it replaces.
ALTER TABLE province_outbox ADD COLUMN supersedes INTEGER CHECK (supersedes IS NULL OR supersedes < version);
