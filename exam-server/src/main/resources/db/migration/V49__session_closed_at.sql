-- When the session was closed: its proctors may replay the room's video up to a margin after it, no further.
ALTER TABLE exam_session ADD COLUMN closed_at TIMESTAMPTZ;
