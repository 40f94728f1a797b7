package org.examhall.server.cli;

/**
 * One {@code ./examhall} sub-command. {@link Main} finds the commands of the jar it runs in through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.examhall.server.cli.Command}): the
 * server jar holds the production commands, the tools jar adds the demo and the province simulator.
 */
public interface Command {

    /** Returned by {@link #run} when the process runs on after {@code main} returns (a node, the simulator). */
    int KEEP_RUNNING = -1;

    /** The word after {@code ./examhall}. */
    String name();

    /** Its lines in {@code ./examhall help}: the name in a column of 22, then what it does and its options. */
    String usage();

    /** The exit code, or {@link #KEEP_RUNNING}. */
    int run(String[] args);
}
