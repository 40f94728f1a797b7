package org.examhall.deploy.upgrade;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.examhall.deploy.upgrade.Finding.Kind;

/**
 * What in one migration a rolling upgrade cannot take: during the upgrade the previous release's nodes run on
 * the new schema, so a migration may only add (expand). Contracting statements (dropping, renaming, retyping,
 * a new NOT NULL the old code's inserts do not fill, a dropped default) break the old code; some expanding
 * ones hold a lock for as long as the table is big (a table rewrite, an index built without CONCURRENTLY, a
 * constraint validated under an exclusive lock). Objects the migration creates itself are exempt: no old code
 * uses them and they are empty. See docs/upgrades.md.
 */
final class ExpandOnlyCheck {

    /** Defaults PostgreSQL evaluates per row, so ADD COLUMN with one rewrites the table. */
    private static final Set<String> VOLATILE_FUNCTIONS = Set.of(
            "random",
            "gen_random_uuid",
            "uuid_generate_v1",
            "uuid_generate_v4",
            "clock_timestamp",
            "timeofday",
            "nextval",
            "txid_current");

    private static final Set<String> SERIAL_TYPES = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial");

    /** Words that end a column's DEFAULT expression. */
    private static final Set<String> COLUMN_CONSTRAINTS =
            Set.of("NOT", "NULL", "CHECK", "REFERENCES", "UNIQUE", "PRIMARY", "CONSTRAINT", "GENERATED", "COLLATE");

    private static final Set<String> STATEMENT_STARTS = Set.of("ALTER", "DROP", "CREATE", "TRUNCATE");

    private final List<List<SqlToken>> statements;
    private final Set<String> createdTables = new HashSet<>();
    private final Set<String> createdNames = new HashSet<>();
    private final Set<String> addedConstraints = new HashSet<>();
    private final Set<String> columnsWithDefault = new HashSet<>();
    private final List<Finding> findings = new ArrayList<>();

    private ExpandOnlyCheck(String sql) {
        statements = new ArrayList<>();
        for (List<SqlToken> statement : SqlStatements.of(sql)) {
            statements.add(statement);
            // A DO block runs its body now: its statements count as the migration's own.
            if (statement.get(0).is("DO")) {
                statement.stream()
                        .filter(t -> t.kind() == SqlToken.Kind.DOLLAR_STRING)
                        .flatMap(body -> SqlStatements.of(body.text()).stream())
                        .map(ExpandOnlyCheck::fromStatementWord)
                        .filter(s -> !s.isEmpty())
                        .forEach(statements::add);
            }
        }
    }

    static List<Finding> findings(String sql) {
        ExpandOnlyCheck check = new ExpandOnlyCheck(sql);
        check.statements.forEach(check::collectCreated);
        check.statements.forEach(check::check);
        return check.findings;
    }

    /** In a PL/pgSQL body a statement may follow BEGIN, THEN or ELSE. */
    private static List<SqlToken> fromStatementWord(List<SqlToken> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == SqlToken.Kind.WORD
                    && STATEMENT_STARTS.contains(tokens.get(i).text().toUpperCase())) {
                return tokens.subList(i, tokens.size());
            }
        }
        return List.of();
    }

    private void collectCreated(List<SqlToken> s) {
        if (s.get(0).is("CREATE")) {
            int i = skip(s, 1, "OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "MATERIALIZED");
            boolean table = at(s, i).is("TABLE");
            i = skip(s, i + 1, "CONCURRENTLY", "IF", "NOT", "EXISTS");
            String name = nameAt(s, i);
            (table ? createdTables : createdNames).add(name);
            createdNames.add(name);
        }
        if (s.get(0).is("ALTER") && at(s, 1).is("TABLE")) {
            int i = skip(s, 2, "IF", "EXISTS", "ONLY");
            String table = nameAt(s, i);
            for (List<SqlToken> action : actions(s, i + 1)) {
                collectFromAction(table, action);
            }
        }
    }

    private void collectFromAction(String table, List<SqlToken> a) {
        if (at(a, 0).is("ADD") && at(a, 1).is("CONSTRAINT")) {
            addedConstraints.add(nameAt(a, 2));
        } else if (at(a, 0).is("ADD") && hasDefault(a)) {
            columnsWithDefault.add(table + "." + nameAt(a, skip(a, 1, "COLUMN", "IF", "NOT", "EXISTS")));
        } else if (at(a, 0).is("ALTER")
                && indexOf(a, "SET") > 0
                && at(a, indexOf(a, "SET") + 1).is("DEFAULT")) {
            columnsWithDefault.add(table + "." + nameAt(a, skip(a, 1, "COLUMN")));
        }
    }

    private void check(List<SqlToken> s) {
        SqlToken first = s.get(0);
        if (first.is("ALTER") && at(s, 1).is("TABLE")) {
            checkAlterTable(s);
        } else if (first.is("ALTER") && indexOf(s, "RENAME") > 0) {
            contract(s, "renames what the previous release's code refers to");
        } else if (first.is("ALTER") && at(s, 1).is("TYPE") && indexOf(s, "DROP") > 0) {
            contract(s, "drops part of a type the previous release's code uses");
        } else if (first.is("DROP")) {
            checkDrop(s);
        } else if (first.is("TRUNCATE")) {
            contract(s, "deletes rows the previous release's nodes are using");
        } else if (first.is("CREATE")) {
            checkCreateIndex(s);
        }
    }

    private void checkAlterTable(List<SqlToken> s) {
        int i = skip(s, 2, "IF", "EXISTS", "ONLY");
        String table = nameAt(s, i);
        if (createdTables.contains(table)) {
            return;
        }
        for (List<SqlToken> a : actions(s, i + 1)) {
            if (at(a, 0).is("RENAME") || (at(a, 0).is("SET") && at(a, 1).is("SCHEMA"))) {
                contract(s, "renames what the previous release's code refers to");
            } else if (at(a, 0).is("DROP") && at(a, 1).is("CONSTRAINT")) {
                if (!addedConstraints.contains(nameAt(a, skip(a, 2, "IF", "EXISTS")))) {
                    contract(s, "drops a constraint the previous release's code may rely on (ON CONFLICT, CHECK)");
                }
            } else if (at(a, 0).is("DROP")) {
                contract(s, "drops a column the previous release's code reads or writes");
            } else if (at(a, 0).is("ADD")) {
                checkAdd(s, table, a);
            } else if (at(a, 0).is("ALTER")) {
                checkAlterColumn(s, table, a);
            } else if (at(a, 0).is("SET") && (at(a, 1).is("LOGGED") || at(a, 1).is("UNLOGGED"))) {
                lock(s, "rewrites the table under an exclusive lock");
            }
        }
    }

    private void checkAdd(List<SqlToken> s, String table, List<SqlToken> a) {
        SqlToken kind = at(a, at(a, 1).is("CONSTRAINT") ? 3 : 1);
        if (kind.is("CHECK") || kind.is("FOREIGN")) {
            if (indexOf(a, "VALID") < 0) {
                lock(
                        s,
                        "checks every row under an exclusive lock: add it NOT VALID, then VALIDATE CONSTRAINT"
                                + " in a later migration");
            }
            return;
        }
        if (kind.is("UNIQUE") || kind.is("PRIMARY") || kind.is("EXCLUDE")) {
            if (indexOf(a, "USING") < 0 || !at(a, indexOf(a, "USING") + 1).is("INDEX")) {
                lock(
                        s,
                        "builds an index under an exclusive lock: CREATE UNIQUE INDEX CONCURRENTLY first, then"
                                + " ADD CONSTRAINT ... USING INDEX");
            }
            return;
        }
        int column = skip(a, 1, "COLUMN", "IF", "NOT", "EXISTS");
        boolean serial = SERIAL_TYPES.contains(at(a, column + 1).name());
        boolean generated = indexOf(a, "GENERATED") > 0 && indexOf(a, "STORED") > 0;
        if (serial || generated || volatileDefault(a)) {
            lock(
                    s,
                    "fills every existing row, rewriting the table under an exclusive lock: add the column"
                            + " without the default, set it for new rows, backfill in batches");
        }
        int not = indexOf(a, "NOT", column);
        if (not > 0 && at(a, not + 1).is("NULL") && !hasDefault(a) && !serial && !generated) {
            contract(s, "a NOT NULL column without a default: the previous release's inserts do not fill it");
        }
        if (indexOf(a, "REFERENCES") > 0 && indexOf(a, "VALID") < 0) {
            lock(s, "checks every row for the new foreign key under a lock that stops writes to " + table);
        }
    }

    private void checkAlterColumn(List<SqlToken> s, String table, List<SqlToken> a) {
        int i = skip(a, 1, "COLUMN");
        String column = nameAt(a, i);
        SqlToken verb = at(a, i + 1);
        SqlToken object = at(a, i + 2);
        if (verb.is("TYPE") || (verb.is("SET") && object.is("DATA"))) {
            contract(
                    s,
                    "changes a column's type: the previous release's code reads and writes the old one,"
                            + " and the table is rewritten under an exclusive lock");
        } else if (verb.is("SET") && object.is("NOT")) {
            if (!columnsWithDefault.contains(table + "." + column)) {
                contract(s, "NOT NULL without a default: the previous release's inserts do not fill " + column);
            }
            lock(
                    s,
                    "scans every row of " + table + " under an exclusive lock (add a CHECK (" + column
                            + " IS NOT NULL) NOT VALID and validate it first, then PostgreSQL skips the scan)");
        } else if (verb.is("DROP") && object.is("DEFAULT")) {
            contract(s, "drops a default the previous release's inserts rely on");
        }
    }

    private void checkDrop(List<SqlToken> s) {
        int i = skip(s, 1, "MATERIALIZED", "FOREIGN");
        SqlToken kind = at(s, i);
        String name = nameAt(s, skip(s, i + 1, "CONCURRENTLY", "IF", "EXISTS"));
        boolean replaced = createdNames.contains(name) && !kind.is("TABLE") && !kind.is("SCHEMA");
        if (!replaced) {
            contract(s, "drops " + kind.text().toLowerCase() + " " + name + ", which the previous release may use");
        }
    }

    private void checkCreateIndex(List<SqlToken> s) {
        int i = skip(s, 1, "UNIQUE");
        if (!at(s, i).is("INDEX") || at(s, i + 1).is("CONCURRENTLY")) {
            return;
        }
        int on = indexOf(s, "ON");
        String table = nameAt(s, skip(s, on + 1, "ONLY"));
        if (!createdTables.contains(table)) {
            lock(
                    s,
                    "blocks every write to " + table + " while the index builds: CREATE INDEX CONCURRENTLY,"
                            + " alone in its migration (it cannot run in a transaction)");
        }
    }

    private static boolean hasDefault(List<SqlToken> action) {
        return indexOf(action, "DEFAULT") > 0;
    }

    private static boolean volatileDefault(List<SqlToken> a) {
        int start = indexOf(a, "DEFAULT");
        if (start < 0) {
            return false;
        }
        int depth = 0;
        for (int i = start + 1; i < a.size(); i++) {
            SqlToken t = a.get(i);
            if (depth == 0
                    && t.kind() == SqlToken.Kind.WORD
                    && COLUMN_CONSTRAINTS.contains(t.text().toUpperCase())) {
                return false;
            }
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (t.kind() == SqlToken.Kind.WORD
                    && VOLATILE_FUNCTIONS.contains(t.name())
                    && at(a, i + 1).isSymbol('(')) {
                return true;
            }
        }
        return false;
    }

    /** An ALTER TABLE's actions: its tokens from {@code from}, split at the commas outside parentheses. */
    private static List<List<SqlToken>> actions(List<SqlToken> s, int from) {
        List<List<SqlToken>> actions = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i <= s.size(); i++) {
            if (i == s.size() || (depth == 0 && s.get(i).isSymbol(','))) {
                if (i > start) {
                    actions.add(s.subList(start, i));
                }
                start = i + 1;
            } else if (s.get(i).isSymbol('(')) {
                depth++;
            } else if (s.get(i).isSymbol(')')) {
                depth--;
            }
        }
        return actions;
    }

    /** The first index from {@code i} whose token is none of the given words. */
    private static int skip(List<SqlToken> s, int i, String... words) {
        int at = i;
        while (at < s.size() && isOneOf(s.get(at), words)) {
            at++;
        }
        return at;
    }

    private static boolean isOneOf(SqlToken token, String... words) {
        for (String word : words) {
            if (token.is(word)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(List<SqlToken> s, String word) {
        return indexOf(s, word, 0);
    }

    private static int indexOf(List<SqlToken> s, String word, int from) {
        for (int i = from; i < s.size(); i++) {
            if (s.get(i).is(word)) {
                return i;
            }
        }
        return -1;
    }

    private static SqlToken at(List<SqlToken> s, int i) {
        return i >= 0 && i < s.size() ? s.get(i) : new SqlToken(SqlToken.Kind.SYMBOL, "");
    }

    /** The (possibly schema-qualified) name at {@code i}, without its schema. */
    private static String nameAt(List<SqlToken> s, int i) {
        int last = i;
        while (at(s, last + 1).isSymbol('.') && last + 2 < s.size()) {
            last += 2;
        }
        return at(s, last).name();
    }

    private void contract(List<SqlToken> s, String why) {
        findings.add(new Finding(Kind.CONTRACT, shown(s), why));
    }

    private void lock(List<SqlToken> s, String why) {
        findings.add(new Finding(Kind.LOCK, shown(s), why));
    }

    private static String shown(List<SqlToken> s) {
        String text = s.stream().map(SqlToken::text).collect(Collectors.joining(" "));
        return text.length() > 100 ? text.substring(0, 97) + "..." : text;
    }
}
