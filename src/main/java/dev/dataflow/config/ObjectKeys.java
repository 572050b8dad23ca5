package dev.dataflow.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for names that become local paths: an object key becomes {@code downloadDir/<bucket>/<key>}, a convert
 * output {@code convertDir/<output>}. Checked by {@code validate} as well as at download, so nothing written in YAML
 * can place a file outside its folder.
 */
public final class ObjectKeys {
    /** Bucket names as S3 defines them: 3 to 63 of lower-case letters, digits, dots and hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    public static final String MANIFEST_NAME = ".download-manifest.json";

    private ObjectKeys() {
    }

    /** Why the key cannot be stored under the download folder, or empty when it can. */
    public static Optional<String> whyUnsafe(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("the key is empty");
        }
        if (key.indexOf('\\') >= 0) {
            // A backslash is a separator on Windows and ambiguous everywhere else.
            return Optional.of("it contains a backslash");
        }
        if (key.startsWith("/")) {
            return Optional.of("it is absolute (starts with '/')");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                return Optional.of("it contains a control character");
            }
        }
        String[] segments = key.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return Optional.of("it has an empty path segment ('//' or a trailing '/')");
            }
            if (segment.equals("..")) {
                return Optional.of("it contains a '..' segment");
            }
            if (segment.equals(".")) {
                return Optional.of("it contains a '.' segment");
            }
        }
        if (segments.length == 1 && key.equals(MANIFEST_NAME)) {
            return Optional.of("the name is reserved for the download manifest");
        }
        return Optional.empty();
    }

    /** Why the bucket name is not one S3 allows (and so could not be a plain folder name), or empty. */
    public static Optional<String> whyBadBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            return Optional.of("a bucket name is 3 to 63 lower-case letters, digits, dots and hyphens");
        }
        return Optional.empty();
    }

    /** Why a convert output cannot be a file directly in the convert folder, or empty. */
    public static Optional<String> whyBadFileName(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the name is empty");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("it must be a file name in the convert folder, without '/' or '\\'");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'" + name + "' is a folder, not a file name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return Optional.of("it contains a control character");
            }
        }
        return Optional.empty();
    }
}
