-- What each institution declared as its trainee's name, kept apart from the person record the
-- bureau and the province see: an institution registering an ID number the bureau already knows
-- learns nothing of that person and changes nothing of them.
ALTER TABLE trainee ADD COLUMN declared_name TEXT;
UPDATE trainee t SET declared_name = p.full_name FROM person p WHERE p.id = t.person_id;
ALTER TABLE trainee ALTER COLUMN declared_name SET NOT NULL;
