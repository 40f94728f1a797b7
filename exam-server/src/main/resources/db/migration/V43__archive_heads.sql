-- exam-server as the outside witness of each gateway's archive: the newest head of every room's day index
-- (the seal line's number and SM3 hash). A gateway that has lost the newest days together with their index
-- entries cannot show an index that reaches this far, so archive-verify can tell.
CREATE TABLE archive_head (
    gateway_id   BIGINT      NOT NULL REFERENCES gateway (id),
    camera_key   TEXT        NOT NULL,
    seq          BIGINT      NOT NULL CHECK (seq >= 1),
    hash         TEXT        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    day          DATE,
    written_at   TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (gateway_id, camera_key)
);

-- Every head witnessed, not only the newest: an index cut back and then written on past the witnessed number
-- would otherwise replace the head, while it cannot match the earlier heads it no longer holds.
CREATE TABLE archive_head_history (
    gateway_id   BIGINT      NOT NULL REFERENCES gateway (id),
    camera_key   TEXT        NOT NULL,
    seq          BIGINT      NOT NULL,
    hash         TEXT        NOT NULL,
    day          DATE,
    written_at   TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (gateway_id, camera_key, seq)
);

-- Heads that would have moved a witnessed head back (a lower number, or the same number with another hash):
-- a sign that the gateway's archive was cut back or rewritten. Kept for bureau admins and auditors to see.
CREATE TABLE archive_head_refusal (
    id             BIGSERIAL   PRIMARY KEY,
    gateway_id     BIGINT      NOT NULL REFERENCES gateway (id),
    camera_key     TEXT        NOT NULL,
    witnessed_seq  BIGINT      NOT NULL,
    witnessed_hash TEXT        NOT NULL,
    offered_seq    BIGINT      NOT NULL,
    offered_hash   TEXT        NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX archive_head_refusal_camera_idx ON archive_head_refusal (gateway_id, camera_key, id);

-- What was witnessed, and what was refused, is never edited or removed.
CREATE FUNCTION archive_witness_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER archive_head_history_append_only BEFORE UPDATE OR DELETE ON archive_head_history
    FOR EACH ROW EXECUTE FUNCTION archive_witness_is_append_only();
CREATE TRIGGER archive_head_refusal_append_only BEFORE UPDATE OR DELETE ON archive_head_refusal
    FOR EACH ROW EXECUTE FUNCTION archive_witness_is_append_only();
