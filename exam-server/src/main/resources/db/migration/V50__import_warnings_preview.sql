-- Issue 12: imports take .docx too, skip exact duplicates with a warning instead of refusing them,
-- and show how the file was read (the mapping preview) before the bureau commits.
ALTER TABLE bank_import_job DROP CONSTRAINT bank_import_job_format_check;
ALTER TABLE bank_import_job ADD CONSTRAINT bank_import_job_format_check
    CHECK (format IN ('XLSX', 'JSON', 'QTI', 'DOCX'));
ALTER TABLE bank_import_job
    ADD COLUMN warning_count INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN warnings      JSONB   NOT NULL DEFAULT '[]',
    ADD COLUMN preview       JSONB;
