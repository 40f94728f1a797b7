package org.examhall.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of exam-server/README.md ("Dependency rules") that concern the server's own main
 * classes: its packages form no cycle, and no *Routes class runs SQL.
 */
@AnalyzeClasses(packages = "org.examhall.server", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    private static final String BASE = "org.examhall.server";
    /** The slice of ExamServer and HttpVerticle. */
    private static final String ROOT = "(root)";

    /**
     * One slice per package under org.examhall.server, its subpackages included (checkin.face is
     * checkin's). The root package is a slice of its own: matching("org.examhall.server.(*)..") would
     * leave Main and ExamServer out and so miss the cycle through them.
     */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return packageOf(javaClass).map(SliceIdentifier::of).orElseGet(SliceIdentifier::ignore);
        }

        @Override
        public String getDescription() {
            return "exam-server's packages";
        }
    };

    private static final DescribedPredicate<JavaClass> ROUTES = DescribedPredicate.describe(
            "are *Routes classes (with their nested and anonymous classes)",
            c -> outermost(c).getSimpleName().endsWith("Routes"));

    private static final DescribedPredicate<JavaMethodCall> RUNS_SQL = DescribedPredicate.describe(
            "query or preparedQuery of a SqlClient (Pool, SqlConnection)",
            call -> Set.of("query", "preparedQuery").contains(call.getTarget().getName())
                    && call.getTarget().getOwner().isAssignableTo(SqlClient.class));

    @ArchTest
    static void packagesFormNoCycles(JavaClasses classes) {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(classes);
    }

    @ArchTest
    static void routesRunNoSql(JavaClasses classes) {
        noClasses()
                .that(ROUTES)
                .should()
                .callMethodWhere(RUNS_SQL)
                .because("a *Routes class parses the request, calls a service and shapes the reply")
                .check(classes);
    }

    private static Optional<String> packageOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (name.equals(BASE)) {
            return Optional.of(ROOT);
        }
        if (!name.startsWith(BASE + ".")) {
            return Optional.empty();
        }
        String below = name.substring(BASE.length() + 1);
        return Optional.of(below.contains(".") ? below.substring(0, below.indexOf('.')) : below);
    }

    private static JavaClass outermost(JavaClass javaClass) {
        JavaClass outer = javaClass;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
