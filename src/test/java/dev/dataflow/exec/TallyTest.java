package dev.dataflow.exec;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TallyTest {
    private static Map<String, Object> check(String status, boolean forced) {
        return forced ? Map.of("name", "c", "status", status, "forced", true) : Map.of("name", "c", "status", status);
    }

    private static StepResult step(String id, StepResult.Status status, Map<String, Object> details) {
        return new StepResult(id, List.of(), status, Duration.ofMillis(5), 0, Map.of(), null, details);
    }

    @Test
    void countsChecksAndStepsAsTheRunEndsWithThem() {
        RunResult run = new RunResult(List.of(
                step("pg:source:load", StepResult.Status.OK, Map.of()),
                step("pg:target:populate", StepResult.Status.FAILED, Map.of("checks", List.of(
                        check("pass", false), check("pass", false), check("warn", false), check("pass", true),
                        check("fail", false)))),
                step("after", StepResult.Status.SKIPPED, Map.of())));
        Tally t = Tally.of(run);
        assertEquals(new Tally(2, 1, 1, 1, 0, 1, 1, 1), t);
        assertEquals(List.of("checks: PASS=2 WARN=1 FORCED=1 ERROR=1 SKIP=0", "steps: OK=1 FAILED=1 SKIPPED=1"),
                t.lines(Style.PLAIN));
    }

    @Test
    void withoutChecksOnlyTheSteps() {
        Tally t = Tally.of(new RunResult(List.of(step("a", StepResult.Status.OK, Map.of()))));
        assertEquals(List.of("steps: OK=1 FAILED=0 SKIPPED=0"), t.lines(Style.PLAIN));
    }

    @Test
    void colouredOnlyWhereNotZero() {
        Tally t = Tally.of(new RunResult(List.of(step("a", StepResult.Status.OK, Map.of()))));
        assertEquals(List.of("steps: \033[32mOK\033[0m=1 FAILED=0 SKIPPED=0"), t.lines(Style.of(true, Map.of())));
    }
}
