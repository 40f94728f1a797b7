-- A wrong ticket typed at a terminal is the signal of the candidate seated there, not of the
-- ticket's owner, who may be sitting quietly at their own seat.
ALTER TABLE kiosk_signal DROP CONSTRAINT kiosk_signal_kind_check;
ALTER TABLE kiosk_signal ADD CONSTRAINT kiosk_signal_kind_check
    CHECK (kind IN ('FULLSCREEN_EXIT', 'FOCUS_LOST', 'COPY_ATTEMPT', 'PASTE_ATTEMPT',
                    'CONTEXT_MENU', 'OFFLINE', 'RELOAD', 'SECOND_LOGIN', 'TICKET_MISMATCH'));

-- A candidate with no enrolled photo (CSV and province lists often carry none) is photographed at
-- the door; two proctors confirm the person against the ID card, and the door photo becomes the
-- enrolled one. Kept SM4-encrypted like every photo until then.
ALTER TABLE sitting ADD COLUMN door_photo_enc BYTEA;
ALTER TABLE sitting ADD COLUMN photo_enrolled_at_door BOOLEAN NOT NULL DEFAULT false;
