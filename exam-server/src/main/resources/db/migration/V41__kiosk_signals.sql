-- What a candidate's terminal reported during the exam (leaving full screen, losing focus, copy and
-- paste, a second login elsewhere). Kept as the room's record so a proctor who opens the console
-- late, and the signed room record, see the same history the live feed showed; a signal changes
-- no result by itself.
CREATE TABLE kiosk_signal (
    id           BIGSERIAL   PRIMARY KEY,
    session_id   BIGINT      NOT NULL REFERENCES exam_session (id),
    sitting_id   BIGINT      NOT NULL REFERENCES sitting (id),
    terminal_id  BIGINT      NOT NULL REFERENCES terminal (id),
    kind         TEXT        NOT NULL CHECK (kind IN ('FULLSCREEN_EXIT', 'FOCUS_LOST', 'COPY_ATTEMPT', 'PASTE_ATTEMPT',
                                                      'CONTEXT_MENU', 'OFFLINE', 'RELOAD', 'SECOND_LOGIN')),
    occurred_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX kiosk_signal_session_idx ON kiosk_signal (session_id, id);
CREATE INDEX kiosk_signal_sitting_idx ON kiosk_signal (sitting_id);

-- Evidence of conduct is never edited or removed. The function serves any append-only table.
CREATE FUNCTION refuse_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER kiosk_signal_append_only BEFORE UPDATE OR DELETE ON kiosk_signal
    FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
