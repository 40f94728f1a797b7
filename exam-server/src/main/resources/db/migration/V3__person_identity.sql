-- Persons who sit exams. The ID number is stored only SM4-encrypted; look-ups go through the
-- keyed SM3 blind index, which is unique so one person is one record (一人一档).
CREATE TABLE person (
    id               BIGSERIAL   PRIMARY KEY,
    full_name        TEXT        NOT NULL CHECK (length(full_name) BETWEEN 1 AND 100),
    id_number_enc    BYTEA       NOT NULL,
    id_number_index  BYTEA       NOT NULL UNIQUE,
    id_number_masked TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
