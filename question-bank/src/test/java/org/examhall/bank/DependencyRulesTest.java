package org.examhall.bank;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * exam-server/README.md, "Dependency rules": the bank is pure, so the server brings all I/O to it; and its
 * packages form no cycle (io reads and writes the model packages, never the other way).
 */
@AnalyzeClasses(packages = "org.examhall.bank", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    @ArchTest
    static final ArchRule NO_VERTX_NO_DATABASE = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.vertx..", "java.sql..", "javax.sql..", "org.postgresql..", "com.hazelcast..", "org.flywaydb..")
            .because("question-bank is a pure domain library: exam-server reads and writes the bank and hands it over");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("org.examhall.bank.(*)..").should().beFreeOfCycles();
}
