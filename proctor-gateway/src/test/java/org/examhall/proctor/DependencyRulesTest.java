package org.examhall.proctor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * exam-server/README.md, "Dependency rules": the gateway's main code never uses exam-server (the two
 * share the HTTP contract and the protocol module; exam-server is on the test class path only, for
 * the end-to-end tests' real node, so the test classes are left out here), and its packages form no
 * cycle.
 */
@AnalyzeClasses(packages = "org.examhall.proctor", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    @ArchTest
    static final ArchRule NEVER_USES_THE_SERVER = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.examhall.server..")
            .because("the gateway is deployed apart from exam-server and talks to it over HTTP only");

    /** The archive's on-disk layout lives with the manifests it names; the API's error shape in http. */
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("org.examhall.proctor.(*)..").should().beFreeOfCycles();
}
