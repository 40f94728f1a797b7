-- The terminals' hot paths look sittings up by terminal and incidents by sitting. Without these,
-- every terminal's state poll (every 3 s) read the whole sitting table, and every heartbeat (every
-- 5 s) the incidents; the room record and the result packages read incidents by session.
CREATE INDEX sitting_terminal_idx ON sitting (terminal_id) WHERE terminal_id IS NOT NULL;
CREATE INDEX incident_sitting_idx ON incident (sitting_id, id) WHERE sitting_id IS NOT NULL;
CREATE INDEX incident_session_idx ON incident (session_id, id);
