package org.examhall.server;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of exam-server/README.md ("Dependency rules") that concern the server's own main
 * classes. Each rule still has exceptions, which other branches are removing; each keeps them in a
 * list that must only shrink. A new exception fails, and so does a listed one that is gone, so
 * that whoever removes one also strikes it from its list here (and from the README).
 */
@AnalyzeClasses(packages = "org.examhall.server", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

  private static final String BASE = "org.examhall.server";
  /** The slice of Main, ExamServer and HttpVerticle. */
  private static final String ROOT = "(root)";

  /**
   * The package cycles still present, each a strongly connected group of packages. Being broken in
   * other branches: this list must only shrink.
   */
  private static final Set<Set<String>> KNOWN_CYCLES = Set.of(
      // Main calls the commands; cli.ServeCommand and StaffAddCommand start an ExamServer. (The
      // README and jdeps count provincesim in too: ProvinceSimCommand returns
      // ServeCommand.KEEP_RUNNING, a constant the compiler copies in, so no bytecode reaches cli.)
      Set.of(ROOT, "cli"));

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
      "are *Routes classes (with their nested and anonymous classes)", c -> outermost(c).getSimpleName().endsWith("Routes"));

  private static final DescribedPredicate<JavaMethodCall> RUNS_SQL = DescribedPredicate.describe(
      "query or preparedQuery of a SqlClient (Pool, SqlConnection)",
      call -> Set.of("query", "preparedQuery").contains(call.getTarget().getName())
          && call.getTarget().getOwner().isAssignableTo(SqlClient.class));

  @ArchTest
  static void packagesFormNoCyclesButTheKnownOnes(JavaClasses classes) {
    // ArchUnit names the dependencies that close a new cycle; inside a known group they are let be,
    // and the groups themselves are compared whole below.
    SliceRule rule = slices().assignedFrom(PACKAGES).should().beFreeOfCycles();
    for (Set<String> known : KNOWN_CYCLES) {
      DescribedPredicate<JavaClass> inKnown = DescribedPredicate.describe("in " + known, c -> packageOf(c).filter(known::contains).isPresent());
      rule = rule.ignoreDependency(inKnown, inKnown);
    }
    rule.check(classes);
    assertThat(cycles(classes))
        .as("package cycles (strongly connected groups); a group no longer found is to be struck from KNOWN_CYCLES")
        .isEqualTo(KNOWN_CYCLES);
  }

  @ArchTest
  static void routesRunNoSql(JavaClasses classes) {
    noClasses().that(ROUTES).should().callMethodWhere(RUNS_SQL)
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

  /** The groups of two or more packages that all reach one another (Tarjan's algorithm). */
  private static Set<Set<String>> cycles(JavaClasses classes) {
    Map<String, Set<String>> edges = new TreeMap<>();
    for (JavaClass origin : classes) {
      packageOf(origin).ifPresent(from -> {
        Set<String> targets = edges.computeIfAbsent(from, k -> new TreeSet<>());
        origin.getDirectDependenciesFromSelf().forEach(dependency -> packageOf(dependency.getTargetClass())
            .filter(to -> !to.equals(from))
            .ifPresent(targets::add));
      });
    }
    return new Tarjan(edges).groups.stream().filter(group -> group.size() > 1).collect(Collectors.toSet());
  }

  private static final class Tarjan {

    private final Map<String, Set<String>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<Set<String>> groups = new HashSet<>();

    private Tarjan(Map<String, Set<String>> edges) {
      this.edges = edges;
      edges.keySet().forEach(v -> {
        if (!index.containsKey(v)) {
          visit(v);
        }
      });
    }

    private void visit(String v) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.push(v);
      for (String w : edges.getOrDefault(v, Set.of())) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (stack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> group = new TreeSet<>();
        String w;
        do {
          w = stack.pop();
          group.add(w);
        } while (!w.equals(v));
        groups.add(group);
      }
    }
  }
}
