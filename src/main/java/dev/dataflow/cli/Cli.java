package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.StepKind;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.handlers.Handlers;
import dev.dataflow.secret.Redactor;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** The command line: builds the picocli command tree and maps every failure to an exit code. */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args) {
        // Library logs (connection pool, HTTP client) go to System.err on their own: through the redactor too.
        System.setErr(new Redactor().learn(Redactor.secretsOf(System.getenv())).printStream(System.err));
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv());
    }

    public static int run(String[] args, PrintWriter rawOut, PrintWriter rawErr, Map<String, String> environment) {
        return run(args, rawOut, rawErr, environment, Handlers.builtIn());
    }

    /** As above, with the handlers the selected steps run through (a test's, tuned). */
    public static int run(String[] args, PrintWriter rawOut, PrintWriter rawErr, Map<String, String> environment,
                          Map<StepKind, StepHandler> handlers) {
        // Every line to the console passes through the redactor, which the pipeline loader teaches its secrets.
        Redactor redactor = new Redactor().learn(Redactor.secretsOf(environment));
        PrintWriter out = redactor.writer(rawOut);
        PrintWriter err = redactor.writer(rawErr);
        try (AutoCloseable bound = Redactor.bind(redactor)) {
            return run(args, out, err, environment, redactor, handlers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
                           Redactor redactor, Map<StepKind, StepHandler> handlers) {
        RootCommand root = new RootCommand(environment, java.util.Arrays.asList(args), handlers);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parseResult -> {
            RootOptions.carryOver(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = root.common != null && root.common.verbose;
            int code;
            if (e instanceof DataflowException de) {
                err.println("error: " + de.userMessage());
                code = de.exitCode();
                dev.dataflow.report.Annotation.forFailure(de, environment).forEach(err::println);
            } else {
                err.println("internal error: " + e);
                code = DataflowException.INTERNAL;
            }
            if (verbose) {
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                err.println(sw);
            } else if (code == DataflowException.INTERNAL) {
                err.println("(run with --verbose for the stack trace)");
            }
            err.flush();
            return code;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
