package dev.dataflow.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub Actions workflow command ({@code ::error file=F,line=L,title=T::message}) for a failed step, so that the
 * failure shows on the file and line in the run's summary and in a pull request's diff. The file and line are the
 * first {@code path:line} the message names (the template line of a SQL error, the pipeline.yaml line of a config
 * problem).
 */
public final class Annotation {
    private static final Pattern FILE_LINE = Pattern.compile("(?<![\\w./-])(/?(?:[\\w.-]+/)*[\\w.-]*\\.(?:sql|yaml|yml|csv|env|json|ts)):(\\d+)");

    private Annotation() {
    }

    /** True when running in GitHub Actions, which reads workflow commands from the job's output. */
    public static boolean wanted(java.util.Map<String, String> environment) {
        return "true".equals(environment.get("GITHUB_ACTIONS"));
    }

    /**
     * The annotations for an error that stopped a command before or outside a run, in GitHub Actions only: one per
     * configuration problem (at its file and line), else one for the message.
     */
    public static java.util.List<String> forFailure(dev.dataflow.DataflowException e,
                                                    java.util.Map<String, String> environment) {
        if (!wanted(environment)) {
            return java.util.List.of();
        }
        if (e instanceof dev.dataflow.config.ConfigException ce && !ce.problems().isEmpty()) {
            return ce.problems().stream().map(p -> error("data-flow: configuration problem", p.toString())).toList();
        }
        return java.util.List.of(error("data-flow failed", e.userMessage()));
    }

    public static String error(String title, String message) {
        StringBuilder sb = new StringBuilder("::error ");
        Optional<String[]> at = fileLine(message);
        at.ifPresent(fl -> sb.append("file=").append(property(fl[0])).append(",line=").append(fl[1]).append(','));
        sb.append("title=").append(property(title)).append("::").append(data(message));
        return sb.toString();
    }

    static Optional<String[]> fileLine(String message) {
        Matcher m = FILE_LINE.matcher(message == null ? "" : message);
        return m.find() ? Optional.of(new String[]{m.group(1), m.group(2)}) : Optional.empty();
    }

    // The escapes GitHub's toolkit applies (actions/toolkit, command.ts): data escapes % CR LF, properties also : ,
    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
