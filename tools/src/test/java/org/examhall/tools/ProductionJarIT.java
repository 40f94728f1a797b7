package org.examhall.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production jar holds no demo and no simulator, and offers only the production commands; the tools
 * jar holds both and offers every command. A failsafe test: it opens the jars {@code package} made.
 */
class ProductionJarIT {

    private static final List<String> TOOL_PACKAGES = List.of("org/examhall/tools/");
    private static final String COMMANDS = "META-INF/services/org.examhall.server.cli.Command";

    private final Path serverJar = Path.of(System.getProperty("examhall.server.jar"));
    private final Path toolsJar = Path.of(System.getProperty("examhall.tools.jar"));

    @Test
    void theServerJarHoldsNoDemoAndNoSimulator() throws IOException {
        try (JarFile jar = new JarFile(serverJar.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("org/examhall/server/ExamServer.class", "org/examhall/server/cli/Main.class");
            assertThat(names).noneMatch(name -> TOOL_PACKAGES.stream().anyMatch(name::startsWith));
            assertThat(names).noneMatch(name -> name.matches("org/examhall/server/.*/Demo[^/]*\\.class"));
            assertThat(commands(jar))
                    .containsExactlyInAnyOrder(
                            "org.examhall.server.cli.ServeCommand",
                            "org.examhall.server.cli.StaffAddCommand",
                            "org.examhall.server.cli.AuditVerifyCommand",
                            "org.examhall.server.cli.DataKeyStatusCommand");
        }
    }

    @Test
    void theToolsJarAddsTheDemoAndTheSimulatorToTheServersCommands() throws IOException {
        try (JarFile jar = new JarFile(toolsJar.toFile())) {
            assertThat(jar.getEntry("org/examhall/tools/demo/DemoData.class")).isNotNull();
            assertThat(jar.getEntry("org/examhall/tools/provincesim/ProvinceSimulator.class"))
                    .isNotNull();
            assertThat(commands(jar))
                    .contains(
                            "org.examhall.tools.demo.DemoCommand",
                            "org.examhall.tools.provincesim.ProvinceSimCommand",
                            "org.examhall.server.cli.ServeCommand");
        }
    }

    @Test
    void eachJarsHelpListsItsOwnCommands() throws Exception {
        assertThat(help(serverJar))
                .contains("server ", "staff-add ", "audit-verify ", "data-key-status ")
                .doesNotContain("demo ", "province-sim ");
        assertThat(help(toolsJar)).contains("demo ", "province-sim ", "server ", "staff-add ", "audit-verify ");
    }

    private static List<String> commands(JarFile jar) throws IOException {
        ZipEntry entry = jar.getEntry(COMMANDS);
        assertThat(entry).as(COMMANDS).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty())
                    .toList();
        }
    }

    private static String help(Path jar) throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "help")
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
