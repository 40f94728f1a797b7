-- A migration of a release newer than this build, for SchemaMigrationsTest: during a rolling upgrade the
-- previous release's nodes start on the schema the first upgraded node migrated.
ALTER TABLE exam_session ADD COLUMN later_release_note TEXT;
