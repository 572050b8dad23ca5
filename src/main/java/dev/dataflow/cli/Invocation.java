package dev.dataflow.cli;

import dev.dataflow.config.StepKind;
import dev.dataflow.exec.StepHandler;

import java.io.PrintWriter;
import java.util.Map;

/**
 * One call of the runner: its global options, the command line as typed, where output and errors go, and the handlers
 * its steps run through.
 */
record Invocation(CommonOptions common, String commandLine, PrintWriter out, PrintWriter err,
                  Map<StepKind, StepHandler> handlers) {
}
