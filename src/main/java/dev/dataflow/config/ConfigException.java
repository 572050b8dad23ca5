package dev.dataflow.config;

import dev.dataflow.DataflowException;

import java.util.List;
import java.util.stream.Collectors;

/** All problems found in the configuration, reported together; exit code 2. */
public final class ConfigException extends DataflowException {
    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(render(problems), null, BAD_CONFIG, null);
        this.problems = List.copyOf(problems);
    }

    public ConfigException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        String lines = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
        return problems.size() == 1 ? lines : problems.size() + " problems:\n" + lines;
    }

    @Override
    public String userMessage() {
        return getMessage();
    }
}
