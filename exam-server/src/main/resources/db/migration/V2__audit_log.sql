-- Append-only audit chain. hash = SM3(prev_hash || canonical entry); see AuditChain.
-- details is kept as the exact canonical JSON text that was hashed (jsonb would re-format it).
CREATE TABLE audit_log (
    seq          BIGINT      PRIMARY KEY,
    occurred_at  TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,
    actor_role   TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    target       TEXT        NOT NULL,
    request_id   TEXT        NOT NULL,
    details      TEXT        NOT NULL,
    prev_hash    TEXT        NOT NULL,
    hash         TEXT        NOT NULL
);

CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at);
CREATE INDEX audit_log_target_idx ON audit_log (target);

-- Defence in depth: the application never updates or deletes audit rows. A superuser can still
-- disable this trigger, which is why the hash chain, not the trigger, is what detects tampering.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
