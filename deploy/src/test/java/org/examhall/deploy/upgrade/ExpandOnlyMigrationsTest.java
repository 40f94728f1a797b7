package org.examhall.deploy.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.examhall.deploy.upgrade.Finding.Kind;
import org.junit.jupiter.api.Test;

/**
 * exam-server's migrations newer than the previous release (deploy/upgrade/previous-release) are expand-only, so
 * that the previous release's nodes keep working on the schema the first upgraded node migrates: a contracting
 * migration names, in {@code -- contract: safe after V<n>}, a migration of the previous release or older (the
 * release that stopped using what it removes), and one that holds a long lock says why that is fine in
 * {@code -- locks: <why>}. docs/upgrades.md explains the convention.
 */
class ExpandOnlyMigrationsTest {

    private final PreviousRelease previous = PreviousRelease.read(PreviousRelease.FILE);
    private final List<Migration> migrations = Migration.all(Migration.DIRECTORY);

    @Test
    void migrationsNewerThanThePreviousReleaseAreExpandOnly() {
        List<String> refused = new ArrayList<>();
        for (Migration migration : migrations) {
            if (migration.version() > previous.lastMigration()) {
                refused.addAll(refusals(migration));
            }
        }
        assertThat(refused)
                .as(
                        "migrations after V%d (the previous release, %s); see docs/upgrades.md",
                        previous.lastMigration(), previous.commit())
                .isEmpty();
    }

    @Test
    void thePreviousReleaseNamesAMigrationThatExists() {
        assertThat(migrations).extracting(Migration::version).contains(previous.lastMigration());
    }

    /** The rule as it stands would have refused V48 and V51; they predate it, and no cluster ran them rolling. */
    @Test
    void theRuleRefusesTheOldMigrationsThatWouldHaveBrokenARollingUpgrade() {
        assertThat(refusals(migration(48))).hasSize(2).anyMatch(r -> r.contains("CONTRACT"));
        assertThat(refusals(migration(51))).hasSize(3).allMatch(r -> r.contains("LOCK"));
        assertThat(refusals(migration(49))).isEmpty();
    }

    @Test
    void aContractMarkerExcusesOnlyAContractSafeBeforeThisUpgrade() {
        String drop = "ALTER TABLE trainee DROP COLUMN legacy_name;\n";
        int next = previous.lastMigration() + 1;
        assertThat(refusals(new Migration(next, "V" + next + "__drop.sql", drop)))
                .hasSize(1);
        assertThat(refusals(new Migration(
                        next,
                        "V" + next + "__drop.sql",
                        "-- contract: safe after V" + previous.lastMigration() + "\n" + drop)))
                .isEmpty();
        assertThat(refusals(new Migration(
                        next, "V" + next + "__drop.sql", "-- contract: safe after V" + next + "\n" + drop)))
                .hasSize(2)
                .first()
                .asString()
                .contains("not in the previous release");
        assertThat(refusals(new Migration(next, "V" + next + "__i.sql", "CREATE INDEX i ON sitting (seat);\n")))
                .hasSize(1);
        assertThat(refusals(new Migration(
                        next,
                        "V" + next + "__i.sql",
                        "-- locks: room has 2,000 rows\nCREATE INDEX i ON room (site);\n")))
                .isEmpty();
    }

    private Migration migration(int version) {
        return migrations.stream()
                .filter(m -> m.version() == version)
                .findFirst()
                .orElseThrow();
    }

    private List<String> refusals(Migration migration) {
        List<String> refused = new ArrayList<>();
        Optional<Integer> safeAfter = migration.contractSafeAfter();
        if (safeAfter.isPresent() && safeAfter.get() > previous.lastMigration()) {
            refused.add(migration.fileName() + ": '-- contract: safe after V" + safeAfter.get()
                    + "' but V" + safeAfter.get() + " is not in the previous release (up to V"
                    + previous.lastMigration() + "): the contract must wait for a later release");
        }
        boolean contractAccepted = safeAfter.isPresent() && safeAfter.get() <= previous.lastMigration();
        for (Finding finding : ExpandOnlyCheck.findings(migration.sql())) {
            boolean accepted = finding.kind() == Kind.CONTRACT ? contractAccepted : migration.locksAccepted();
            if (!accepted) {
                refused.add(migration.fileName() + ": " + finding);
            }
        }
        return refused;
    }
}
