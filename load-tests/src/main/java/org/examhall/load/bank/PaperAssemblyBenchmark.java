package org.examhall.load.bank;

import java.util.concurrent.TimeUnit;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperAssembler;
import org.examhall.bank.assembly.SittingAssembler;
import org.examhall.bank.blueprint.StandardBlueprints;
import org.examhall.bank.demo.SyntheticBank;
import org.examhall.bank.question.QuestionBank;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Papers per second for the national special-operations paper (70 true/false + 30 single choice,
 * 120 min, pass 80) drawn from a 10,000-question synthetic bank on one thread. The design target is
 * 20,000 papers/s on one core, so that an exam-start storm of 10,000 candidates is drawn in well under
 * the 10 s budget. Runs only on demand, never in {@code mvn verify}:
 * <pre>
 * mvn -B -q -pl load-tests -am package -DskipTests
 * mvn -B -q -pl load-tests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp load-tests/target/classes:$(cat load-tests/target/classpath.txt) org.openjdk.jmh.Main \
 *      PaperAssemblyBenchmark -f 1 -wi 3 -i 5 -t 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PaperAssemblyBenchmark {

    /** A large county room; a sitting starts afresh after this many papers, as the next room would. */
    private static final int SITTING_SIZE = 100;

    private PaperAssembler assembler;
    private SittingAssembler sitting;
    private long seed;

    @Setup
    public void setUp() {
        QuestionBank bank = SyntheticBank.generate(10_000, 1);
        assembler = new PaperAssembler(StandardBlueprints.specialOperation("BENCH", SyntheticBank.CATEGORY), bank);
        sitting = new SittingAssembler(assembler);
    }

    /** One candidate's paper, as drawn for a candidate outside any sitting (a preview, a retake). */
    @Benchmark
    public Paper assemblePaper() {
        return assembler.assemble(seed++);
    }

    /** One candidate's paper within a sitting, with the exposure rule checked against the room's papers. */
    @Benchmark
    public Paper assemblePaperInSitting() {
        if (sitting.paperCount() == SITTING_SIZE) {
            sitting = new SittingAssembler(assembler);
        }
        return sitting.assemble(seed++);
    }
}
