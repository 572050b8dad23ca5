package dev.dataflow.cli;

import java.io.PrintWriter;

/** One call of the runner: its global options, the command line as typed, and where output and errors go. */
record Invocation(CommonOptions common, String commandLine, PrintWriter out, PrintWriter err) {
}
