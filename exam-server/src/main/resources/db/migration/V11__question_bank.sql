-- The unified question bank: categories, question versions, blueprints, import jobs.
-- The bank is one versioned snapshot: every change to questions raises bank_version by the same
-- amount the domain library raises it, so the version a paper records names one exact content.

CREATE TABLE bank_state (
    id                SMALLINT    PRIMARY KEY CHECK (id = 1),
    -- The QuestionBank version of the questions as stored.
    bank_version      BIGINT      NOT NULL CHECK (bank_version >= 0),
    -- Raised by every change to blueprints or categories; caches on every node compare both.
    catalog_version   BIGINT      NOT NULL CHECK (catalog_version >= 0),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO bank_state (id, bank_version, catalog_version) VALUES (1, 0, 0);

-- 作业类别 → 操作项目, and the employee categories. Codes are what questions and blueprints name.
CREATE TABLE bank_category (
    code           TEXT    PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    kind           TEXT    NOT NULL CHECK (kind IN ('OPERATION_CLASS', 'OPERATION_ITEM', 'EMPLOYEE')),
    parent_code    TEXT    REFERENCES bank_category (code),
    name           TEXT    NOT NULL DEFAULT '' CHECK (length(name) <= 100),
    employee_role  TEXT    CHECK (employee_role IN ('PRINCIPAL', 'SAFETY_MANAGER')),
    industry       TEXT    CHECK (length(industry) <= 100),
    position       INTEGER NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((kind = 'OPERATION_ITEM') = (parent_code IS NOT NULL)),
    CHECK ((kind = 'EMPLOYEE') = (employee_role IS NOT NULL AND industry IS NOT NULL))
);

-- One row per version of a question. A version that has been ACTIVE (and so may stand on a paper)
-- never changes its content again and is never deleted; an edit becomes a new version.
CREATE TABLE question_version (
    question_id         TEXT        NOT NULL CHECK (question_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    version             INTEGER     NOT NULL CHECK (version >= 1),
    status              TEXT        NOT NULL CHECK (status IN ('DRAFT', 'REVIEWED', 'ACTIVE', 'RETIRED')),
    type                TEXT        NOT NULL CHECK (type IN ('TRUE_FALSE', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE')),
    stem                TEXT        NOT NULL CHECK (length(stem) BETWEEN 1 AND 4000),
    image_ref           TEXT,
    options             TEXT[]      NOT NULL,
    answer_mask         INTEGER     NOT NULL CHECK (answer_mask BETWEEN 1 AND 63),
    knowledge_points    TEXT[]      NOT NULL,
    difficulty          SMALLINT    NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
    category            TEXT        NOT NULL REFERENCES bank_category (code),
    source_level        TEXT        NOT NULL CHECK (source_level IN ('NATIONAL', 'PROVINCIAL', 'LOCAL')),
    fixed_option_order  BOOLEAN     NOT NULL,
    -- The import that created this version, if any (so a bureau can review one import as a batch).
    import_job_id       BIGINT,
    created_in_bank     BIGINT      NOT NULL,
    changed_in_bank     BIGINT      NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by          TEXT        NOT NULL,
    changed_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    changed_by          TEXT        NOT NULL,
    PRIMARY KEY (question_id, version),
    -- At most one version of a question is drawn. Deferred, so one transaction may retire the old
    -- active version and activate the new one in either order.
    CONSTRAINT question_one_active EXCLUDE USING btree (question_id WITH =) WHERE (status = 'ACTIVE')
        DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX question_version_filter ON question_version (category, type, status, difficulty);
CREATE INDEX question_version_import ON question_version (import_job_id) WHERE import_job_id IS NOT NULL;
CREATE INDEX question_version_knowledge_points ON question_version USING gin (knowledge_points);

CREATE FUNCTION question_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status IN ('ACTIVE', 'RETIRED') THEN
            RAISE EXCEPTION 'question % version % has been issued and cannot be deleted', OLD.question_id, OLD.version
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status IN ('ACTIVE', 'RETIRED') AND ROW(NEW.type, NEW.stem, NEW.image_ref, NEW.options, NEW.answer_mask,
            NEW.knowledge_points, NEW.difficulty, NEW.category, NEW.source_level, NEW.fixed_option_order)
        IS DISTINCT FROM ROW(OLD.type, OLD.stem, OLD.image_ref, OLD.options, OLD.answer_mask,
            OLD.knowledge_points, OLD.difficulty, OLD.category, OLD.source_level, OLD.fixed_option_order) THEN
        RAISE EXCEPTION 'question % version % has been issued; its content cannot change', OLD.question_id, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status = 'RETIRED' AND NEW.status <> 'RETIRED'
        OR OLD.status = 'ACTIVE' AND NEW.status NOT IN ('ACTIVE', 'RETIRED') THEN
        RAISE EXCEPTION 'question % version % cannot go from % back to %', OLD.question_id, OLD.version, OLD.status, NEW.status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER question_version_immutable BEFORE UPDATE OR DELETE ON question_version
    FOR EACH ROW EXECUTE FUNCTION question_version_guard();

-- 组卷规则. The definition is the library's blueprint JSON; id, category and title are copied out
-- for listing and for the foreign key.
CREATE TABLE bank_blueprint (
    id          TEXT        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    category    TEXT        NOT NULL REFERENCES bank_category (code),
    title       TEXT        NOT NULL CHECK (length(title) <= 200),
    definition  JSONB       NOT NULL,
    revision    INTEGER     NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by  TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by  TEXT        NOT NULL
);

-- An import runs in the background; its progress and its error report are kept here, so any node
-- can answer the progress poll and the report outlives the request.
CREATE TABLE bank_import_job (
    id              BIGSERIAL   PRIMARY KEY,
    format          TEXT        NOT NULL CHECK (format IN ('XLSX', 'JSON', 'QTI')),
    file_name       TEXT        NOT NULL CHECK (length(file_name) <= 255),
    dry_run         BOOLEAN     NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'REJECTED', 'FAILED')),
    phase           TEXT        NOT NULL CHECK (phase IN ('PARSING', 'CHECKING', 'WRITING', 'DONE')),
    processed       INTEGER     NOT NULL DEFAULT 0,
    total           INTEGER     NOT NULL DEFAULT 0,
    question_count  INTEGER     NOT NULL DEFAULT 0,
    imported        INTEGER     NOT NULL DEFAULT 0,
    bank_version    BIGINT,
    problem_count   INTEGER     NOT NULL DEFAULT 0,
    problems        JSONB       NOT NULL DEFAULT '[]',
    error           TEXT,
    node            TEXT        NOT NULL,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ
);

ALTER TABLE question_version ADD CONSTRAINT question_version_import_job
    FOREIGN KEY (import_job_id) REFERENCES bank_import_job (id);
