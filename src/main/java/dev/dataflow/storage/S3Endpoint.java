package dev.dataflow.storage;

import dev.dataflow.DataflowException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where and as whom to reach an S3-compatible store.
 *
 * <p>{@code url} is normalised: without a scheme it gets {@code https://}, because every real store
 * (DigitalOcean Spaces) speaks TLS and plain HTTP must be asked for explicitly. {@code region} defaults to
 * {@code us-east-1}; the client is told the region so it never spends a GetBucketLocation round trip.
 * {@code pathStyle} puts the bucket in the path ({@code host/bucket/key}), which every store accepts,
 * instead of the host name.
 */
public record S3Endpoint(String url, String accessKey, String secretKey, String region, boolean pathStyle) {
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Endpoint {
        url = normaliseUrl(url);
        if (accessKey == null || accessKey.isBlank()) {
            throw DataflowException.badConfig("the S3 access key is empty", "set DO_SPACES_ACCESS_KEY");
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw DataflowException.badConfig("the S3 secret key is empty", "set DO_SPACES_SECRET_KEY");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.strip();
    }

    /** Path-style endpoint in the default region: works for Spaces, MinIO and the loopback server alike. */
    public static S3Endpoint of(String url, String accessKey, String secretKey) {
        return new S3Endpoint(url, accessKey, secretKey, DEFAULT_REGION, true);
    }

    /** The same endpoint with other credentials (the tests use it to check how wrong ones are reported). */
    S3Endpoint withCredentials(String newAccessKey, String newSecretKey) {
        return new S3Endpoint(url, newAccessKey, newSecretKey, region, pathStyle);
    }

    /** Never shows the keys: endpoints end up in logs and error messages. */
    @Override
    public String toString() {
        return "S3Endpoint[url=" + url + ", region=" + region + ", pathStyle=" + pathStyle + "]";
    }

    private static String normaliseUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DataflowException.badConfig("the S3 endpoint is empty", "set DO_SPACES_ENDPOINT");
        }
        String text = raw.strip();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // The raw text is not echoed: a mistyped endpoint may carry pasted credentials.
            throw DataflowException.badConfig("the S3 endpoint is not a valid URL", "set DO_SPACES_ENDPOINT to e.g. https://nyc3.digitaloceanspaces.com");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw DataflowException.badConfig("the S3 endpoint must use http or https, not '" + scheme + "'",
                    "set DO_SPACES_ENDPOINT to e.g. https://nyc3.digitaloceanspaces.com");
        }
        if (uri.getRawUserInfo() != null) {
            throw DataflowException.badConfig("the S3 endpoint URL must not contain credentials",
                    "put them in DO_SPACES_ACCESS_KEY / DO_SPACES_SECRET_KEY instead");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw DataflowException.badConfig("the S3 endpoint has no host name",
                    "set DO_SPACES_ENDPOINT to e.g. https://nyc3.digitaloceanspaces.com");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // Only the scheme, host and port are shown: a pasted pre-signed URL carries credentials in its query.
            throw DataflowException.badConfig("the S3 endpoint must be scheme://host[:port] only, without a path, query "
                    + "or fragment (it has one after " + scheme + "://" + uri.getHost()
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + ")",
                    "the bucket is given per file, not in the endpoint; keys go in DO_SPACES_ACCESS_KEY / DO_SPACES_SECRET_KEY");
        }
        return scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
