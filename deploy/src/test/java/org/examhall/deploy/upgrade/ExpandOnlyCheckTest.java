package org.examhall.deploy.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.examhall.deploy.upgrade.Finding.Kind;
import org.junit.jupiter.api.Test;

/** The expand-only rule on single statements: what breaks the previous release's code, what locks for long. */
class ExpandOnlyCheckTest {

    private static List<Kind> kinds(String sql) {
        return ExpandOnlyCheck.findings(sql).stream().map(Finding::kind).toList();
    }

    @Test
    void addingANullableColumnATableOrAConcurrentIndexIsExpandOnly() {
        assertThat(ExpandOnlyCheck.findings(String.join(
                        "\n",
                        "ALTER TABLE exam_session ADD COLUMN closed_at TIMESTAMPTZ;",
                        "ALTER TABLE trainee ADD COLUMN IF NOT EXISTS level INTEGER NOT NULL DEFAULT 0;",
                        "ALTER TABLE person ADD COLUMN seen_at TIMESTAMPTZ DEFAULT now();",
                        "CREATE TABLE kiosk (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL REFERENCES room (name));",
                        "CREATE INDEX kiosk_name ON kiosk (name);",
                        "ALTER TABLE kiosk ALTER COLUMN name TYPE VARCHAR(40), DROP COLUMN id;",
                        "CREATE INDEX CONCURRENTLY sitting_terminal_idx ON sitting (terminal_id);",
                        "ALTER TABLE sitting ALTER COLUMN note DROP NOT NULL;",
                        "ALTER TABLE sitting ADD CONSTRAINT sitting_seat_ck CHECK (seat > 0) NOT VALID;",
                        "ALTER TYPE mood ADD VALUE 'calm';")))
                .isEmpty();
    }

    @Test
    void droppingRenamingAndRetypingBreakThePreviousRelease() {
        assertThat(kinds("ALTER TABLE trainee DROP COLUMN declared_name;")).containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER TABLE trainee DROP declared_name;")).containsExactly(Kind.CONTRACT);
        assertThat(kinds("DROP TABLE IF EXISTS public.kiosk_signal;")).containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER TABLE trainee RENAME COLUMN declared_name TO name;"))
                .containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER TABLE trainee RENAME TO learner;")).containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER INDEX sitting_terminal_idx RENAME TO sitting_by_terminal;"))
                .containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER TABLE sitting ALTER COLUMN seat TYPE BIGINT;")).containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER TABLE sitting ALTER seat SET DATA TYPE BIGINT;"))
                .containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER TABLE sitting ALTER COLUMN status DROP DEFAULT;"))
                .containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER TABLE sitting DROP CONSTRAINT sitting_status_check;"))
                .containsExactly(Kind.CONTRACT);
        assertThat(kinds("TRUNCATE answer_step;")).containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER TABLE trainee ADD COLUMN level INTEGER NOT NULL;"))
                .containsExactly(Kind.CONTRACT);
        assertThat(kinds("ALTER TABLE trainee ADD COLUMN IF NOT EXISTS level INTEGER NOT NULL;"))
                .containsExactly(Kind.CONTRACT);
    }

    @Test
    void aNewNotNullWithoutADefaultContractsAndLocksAsV48Did() {
        String v48 = String.join(
                "\n",
                "ALTER TABLE trainee ADD COLUMN declared_name TEXT;",
                "UPDATE trainee t SET declared_name = p.full_name FROM person p WHERE p.id = t.person_id;",
                "ALTER TABLE trainee ALTER COLUMN declared_name SET NOT NULL;");
        assertThat(kinds(v48)).containsExactly(Kind.CONTRACT, Kind.LOCK);
        // With a default the previous release's inserts still work; the scan under the lock remains.
        assertThat(kinds(v48.replace("TEXT;", "TEXT DEFAULT '';"))).containsExactly(Kind.LOCK);
        assertThat(kinds(v48 + "\nALTER TABLE trainee ALTER COLUMN declared_name SET DEFAULT '';"))
                .containsExactly(Kind.LOCK);
    }

    @Test
    void longLocksOnTablesTheMigrationDidNotCreate() {
        assertThat(kinds("CREATE INDEX sitting_terminal_idx ON sitting (terminal_id) WHERE terminal_id IS NOT NULL;"))
                .containsExactly(Kind.LOCK);
        assertThat(kinds("CREATE UNIQUE INDEX IF NOT EXISTS s ON ONLY public.sitting (terminal_id);"))
                .containsExactly(Kind.LOCK);
        assertThat(kinds("ALTER TABLE sitting ADD COLUMN token UUID DEFAULT gen_random_uuid();"))
                .containsExactly(Kind.LOCK);
        assertThat(kinds("ALTER TABLE sitting ADD COLUMN n BIGINT DEFAULT nextval('s') NOT NULL;"))
                .containsExactly(Kind.LOCK);
        assertThat(kinds("ALTER TABLE sitting ADD COLUMN n BIGSERIAL;")).containsExactly(Kind.LOCK);
        assertThat(kinds("ALTER TABLE sitting ADD COLUMN t TEXT GENERATED ALWAYS AS (upper(status)) STORED;"))
                .containsExactly(Kind.LOCK);
        assertThat(kinds("ALTER TABLE sitting ADD CONSTRAINT seat_ck CHECK (seat > 0);"))
                .containsExactly(Kind.LOCK);
        assertThat(kinds("ALTER TABLE sitting ADD FOREIGN KEY (room) REFERENCES room (id);"))
                .containsExactly(Kind.LOCK);
        assertThat(kinds("ALTER TABLE sitting ADD CONSTRAINT one_seat UNIQUE (room, seat);"))
                .containsExactly(Kind.LOCK);
        assertThat(kinds("ALTER TABLE sitting ADD CONSTRAINT one_seat UNIQUE USING INDEX one_seat_idx;"))
                .isEmpty();
    }

    @Test
    void aConstraintOrFunctionReplacedInTheSameMigrationIsNotADrop() {
        assertThat(kinds(String.join(
                        "\n",
                        "ALTER TABLE sitting DROP CONSTRAINT sitting_status_check,",
                        "  ADD CONSTRAINT sitting_status_check CHECK (status IN ('A', 'B', 'C')) NOT VALID;",
                        "DROP FUNCTION IF EXISTS audit_next(bigint);",
                        "CREATE FUNCTION audit_next(n bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT n + 1 $$;")))
                .isEmpty();
        assertThat(kinds("DROP TABLE kiosk; CREATE TABLE kiosk (id INT);")).containsExactly(Kind.CONTRACT);
    }

    @Test
    void commentsLiteralsQuotedNamesAndFunctionBodiesAreNotStatements() {
        assertThat(kinds(String.join(
                        "\n",
                        "-- DROP TABLE sitting;",
                        "/* outer /* nested DROP TABLE sitting; */ still a comment; ALTER TABLE x DROP COLUMN y; */",
                        "INSERT INTO note (text) VALUES ('DROP TABLE sitting; ALTER TABLE x RENAME TO y'),",
                        "  (E'it\\'s; DROP TABLE sitting'), (U&'DROP TABLE s;');",
                        "CREATE TABLE \"drop\" (\"table\" TEXT);",
                        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$",
                        "BEGIN DROP TABLE sitting; RETURN NEW; END $body$;")))
                .isEmpty();
    }

    @Test
    void aDoBlockRunsItsStatementsNow() {
        assertThat(kinds("DO $$ BEGIN IF true THEN ALTER TABLE sitting DROP COLUMN note; END IF; END $$;"))
                .containsExactly(Kind.CONTRACT);
    }

    @Test
    void unterminatedQuotesAreAnError() {
        assertThatThrownBy(() -> ExpandOnlyCheck.findings("SELECT 'open;"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> ExpandOnlyCheck.findings("DO $x$ BEGIN END $y$;"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
