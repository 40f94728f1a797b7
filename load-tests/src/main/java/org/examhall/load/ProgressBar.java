package org.examhall.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One status line, redrawn in place with {@code \r} on a terminal (twice a second), or printed as a
 * plain line every five seconds when the output goes to a file or a pipe.
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean enabled;
    private final boolean inPlace;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private volatile Supplier<String> status = () -> "";
    private int lastLength;

    ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
        this.inPlace = System.console() != null;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-bar");
            t.setDaemon(true);
            return t;
        });
        if (enabled) {
            long period = inPlace ? 500 : 5000;
            ticker.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** What the line shows from now on; the supplier is called from the ticker thread. */
    void show(Supplier<String> status) {
        this.status = status;
    }

    /** A phase with a known amount of work: "label [#####-----] done/total". */
    void phase(String label, Supplier<Long> done, long total) {
        show(() -> label + " " + bar(done.get(), total) + " " + done.get() + "/" + total);
    }

    static String bar(long done, long total) {
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
    }

    static String clock(long nanos) {
        long s = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    private synchronized void draw() {
        String line;
        try {
            line = clock(System.nanoTime() - started) + " " + status.get();
        } catch (RuntimeException e) {
            return;
        }
        if (inPlace) {
            String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
            out.print("\r" + padded);
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the current line so that ordinary output follows on a fresh one. */
    synchronized void println(String text) {
        if (enabled && inPlace && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        out.println(text);
        out.flush();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (enabled && inPlace && lastLength > 0) {
            synchronized (this) {
                out.print("\r" + " ".repeat(lastLength) + "\r");
                out.flush();
                lastLength = 0;
            }
        }
    }
}
