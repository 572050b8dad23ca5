package dev.dataflow.config;

import java.util.List;

/** S3-compatible storage settings; the keys never appear in {@link #toString()}. */
public record Storage(String endpoint, String accessKey, String secretKey, String region, boolean pathStyle,
                      List<String> unsetVariables, Pos pos) {
    @Override
    public String toString() {
        return "storage " + endpoint + " (region " + region + ")";
    }
}
