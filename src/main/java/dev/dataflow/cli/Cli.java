package dev.dataflow.cli;

import dev.dataflow.DataflowException;
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
        // Every line to the console passes through the redactor, which the pipeline loader teaches its secrets.
        Redactor redactor = new Redactor().learn(Redactor.secretsOf(environment));
        PrintWriter out = redactor.writer(rawOut);
        PrintWriter err = redactor.writer(rawErr);
        try (AutoCloseable bound = Redactor.bind(redactor)) {
            return run(args, out, err, environment, redactor);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
                           Redactor redactor) {
        RootCommand root = new RootCommand(environment);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose") || parseResult.subcommand() != null
                    && parseResult.subcommand().hasMatchedOption("--verbose");
            int code;
            if (e instanceof DataflowException de) {
                err.println("error: " + de.userMessage());
                code = de.exitCode();
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
