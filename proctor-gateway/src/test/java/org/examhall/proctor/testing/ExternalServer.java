package org.examhall.proctor.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A program the tests run but did not write (an RTSP server, an ffmpeg pusher), as a child process. Its output goes
 * to a log file that outlives the test, so a failure can be read afterwards; a start that fails throws with the
 * log's tail. {@link #close()} kills it, and a shutdown hook kills whatever a crashed or interrupted test run
 * leaves, so no stray server holds a port into the next test.
 */
public final class ExternalServer implements AutoCloseable {

    private static final Set<ExternalServer> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(ExternalServer::kill), "external-server-reaper"));
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Readiness readiness;
    private final Path log;
    private Process process;

    private ExternalServer(
            String name, List<String> command, Map<String, String> environment, Readiness readiness, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.readiness = readiness;
        this.log = log;
    }

    /** When a started process counts as up; anything but {@link #started()} is waited for with a timeout. */
    public record Readiness(Duration timeout, Predicate<String> check) {

        /** Up as soon as it runs: for clients such as a pusher, which retry on their own. */
        public static Readiness started() {
            return new Readiness(Duration.ZERO, output -> true);
        }

        /** Up once it has printed a line starting with {@code prefix}. */
        public static Readiness line(String prefix, Duration timeout) {
            return new Readiness(timeout, output -> output.lines().anyMatch(l -> l.startsWith(prefix)));
        }

        /** Up once something accepts TCP connections on the loopback port. */
        public static Readiness tcpPort(int port, Duration timeout) {
            return new Readiness(timeout, output -> accepts(port));
        }

        /** Up once {@code check} holds; it is handed the output of the current run so far. */
        public static Readiness when(Predicate<String> check, Duration timeout) {
            return new Readiness(timeout, check);
        }
    }

    /** Starts {@code command} and waits until it is {@code readiness}; throws with the log's tail if it is not. */
    public static ExternalServer start(
            String name, List<String> command, Map<String, String> environment, Readiness readiness) {
        try {
            Path log = Files.createTempFile("examhall-" + name + "-", ".log");
            ExternalServer server = new ExternalServer(name, command, environment, readiness, log);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public static ExternalServer start(String name, List<String> command, Readiness readiness) {
        return start(name, command, Map.of(), readiness);
    }

    private synchronized void launch() throws IOException {
        long offset = Files.size(log);
        Files.writeString(
                log,
                "==> " + String.join(" ", command) + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                // ffmpeg reads commands from a terminal on stdin; an open pipe that nobody writes is not one.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        process = builder.start();
        RUNNING.add(this);
        awaitReady(offset);
    }

    private void awaitReady(long offset) {
        long deadline = System.nanoTime() + readiness.timeout().toNanos();
        while (true) {
            String output = outputSince(offset);
            if (readiness.check().test(output)) {
                return;
            }
            if (!process.isAlive()) {
                kill(); // whatever it started may live on
                throw failedToStart("exited with status " + process.exitValue() + " before it was ready");
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw failedToStart("not ready within " + readiness.timeout());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + " start interrupted", e);
            }
        }
    }

    private IllegalStateException failedToStart(String why) {
        String message = name + " " + why + "; last lines of " + log + ":" + System.lineSeparator() + logTail(40);
        // Printed as well as thrown: the test's output then shows it in order with whatever the test logged before.
        System.err.println(message);
        return new IllegalStateException(message);
    }

    private String outputSince(long offset) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            return new String(
                    bytes,
                    (int) Math.min(offset, bytes.length),
                    (int) Math.max(0, bytes.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last {@code lines} lines of everything the process printed, in all its runs. */
    public String logTail(int lines) {
        List<String> all = outputSince(0).lines().toList();
        return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    public Path log() {
        return log;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Like pulling the plug: SIGKILL to the process and everything it started, no chance to say goodbye. */
    public synchronized void kill() {
        signal(true, Duration.ofSeconds(5));
    }

    /**
     * SIGSTOP to the process and its children: it hangs with its connections open, as an encoder that locks up
     * does, and only a client's own watchdog can notice. {@link #thaw()} lets it run on.
     */
    public synchronized void freeze() {
        send("-STOP");
    }

    public synchronized void thaw() {
        send("-CONT");
    }

    private void send(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        command.add(Long.toString(process.pid()));
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as an orderly shutdown would; SIGKILL if it has not gone within five seconds. */
    public synchronized void stop() {
        signal(false, Duration.ofSeconds(5));
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** Stops it gracefully and starts it again with the same command line, waiting until it is ready again. */
    public synchronized void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + name, e);
        }
    }

    private void signal(boolean forcibly, Duration wait) {
        if (process == null) {
            return;
        }
        // Children first, collected before anyone dies: a wrapper (bash, setpriv) that goes first would orphan them.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            if (forcibly) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        }
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            for (ProcessHandle handle : tree) {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            // Still running after the wait: stop() escalates to kill(); kill() has done all it can.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tree.stream().noneMatch(ProcessHandle::isAlive)) {
            RUNNING.remove(this);
        }
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return name;
    }
}
