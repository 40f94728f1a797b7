-- Audited changes no longer queue behind one chain-wide lock until they commit: each writes its
-- entry here in its own transaction, and the chainer (AuditChainer, one at a time across the
-- cluster) moves committed entries into audit_log in batches, linking each into the SM3 chain.
-- An entry waits here for well under a second while a node runs.
CREATE TABLE audit_pending (
    id           BIGSERIAL   PRIMARY KEY,
    occurred_at  TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,
    actor_role   TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    target       TEXT        NOT NULL,
    request_id   TEXT        NOT NULL,
    details      TEXT        NOT NULL
);

-- Pending entries are moved (deleted once chained), never edited.
CREATE FUNCTION audit_pending_is_not_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_pending entries are never edited';
END;
$$;
CREATE TRIGGER audit_pending_not_edited BEFORE UPDATE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_pending_is_not_edited();

-- Every entry, chained or still waiting: what to query when asking "was this audited?".
CREATE VIEW audit_trail AS
    SELECT seq, occurred_at, actor, actor_role, action, target, request_id, details FROM audit_log
    UNION ALL
    SELECT NULL::BIGINT, occurred_at, actor, actor_role, action, target, request_id, details FROM audit_pending;
