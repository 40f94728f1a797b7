package org.examhall.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * exam-server/README.md, "Dependency rules": protocol is what the server and the gateway share, so it depends on
 * neither, and on no framework either of them runs on; its packages form no cycle.
 */
@AnalyzeClasses(packages = "org.examhall.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    @ArchTest
    static final ArchRule NEITHER_SIDE_NOR_ITS_FRAMEWORK = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.examhall.server..", "org.examhall.proctor..", "io.vertx..", "com.hazelcast..")
            .because("exam-server and the gateway both build on protocol; a Vert.x type here would tie the"
                    + " shared formats to one runtime");

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("org.examhall.protocol.(*)..").should().beFreeOfCycles();
}
