package dev.dataflow.exec;

import java.util.List;
import java.util.Map;

/**
 * The counts a run ends with, as dbt prints them: {@code PASS=.. WARN=.. FORCED=.. ERROR=.. SKIP=..} for the quality
 * checks and {@code OK=.. FAILED=.. SKIPPED=..} for the steps. A check that did not run because its populate never
 * started is not counted: the steps' SKIPPED says so.
 */
public record Tally(long pass, long warn, long forced, long error, long skip, long ok, long failed, long skipped) {

    @SuppressWarnings("unchecked")
    public static Tally of(RunResult result) {
        long pass = 0;
        long warn = 0;
        long forced = 0;
        long error = 0;
        long skip = 0;
        long ok = 0;
        long failed = 0;
        long skipped = 0;
        for (StepResult s : result.steps()) {
            switch (s.status()) {
                case OK -> ok++;
                case FAILED -> failed++;
                default -> skipped++;
            }
            if (s.details().get("checks") instanceof List<?> checks) {
                for (Object o : checks) {
                    Map<String, Object> c = (Map<String, Object>) o;
                    String status = String.valueOf(c.get("status"));
                    if (Boolean.TRUE.equals(c.get("forced"))) {
                        forced++;
                    } else if ("pass".equals(status)) {
                        pass++;
                    } else if ("warn".equals(status)) {
                        warn++;
                    } else if ("fail".equals(status)) {
                        error++;
                    } else {
                        skip++;
                    }
                }
            }
        }
        return new Tally(pass, warn, forced, error, skip, ok, failed, skipped);
    }

    public boolean hasChecks() {
        return pass + warn + forced + error + skip > 0;
    }

    /** "checks: PASS=3 WARN=1 FORCED=0 ERROR=0 SKIP=0" then "steps: OK=9 FAILED=0 SKIPPED=0", styled. */
    public List<String> lines(Style style) {
        String steps = "steps: " + count(style, "OK", ok) + " " + count(style, "FAILED", failed) + " "
                + count(style, "SKIPPED", skipped);
        if (!hasChecks()) {
            return List.of(steps);
        }
        return List.of("checks: " + count(style, "PASS", pass) + " " + count(style, "WARN", warn) + " "
                + count(style, "FORCED", forced) + " " + count(style, "ERROR", error) + " "
                + count(style, "SKIP", skip), steps);
    }

    private static String count(Style style, String word, long n) {
        // Zero counts stay plain, so the eye goes to what happened.
        return (n == 0 ? word : style.status(word)) + "=" + n;
    }
}
