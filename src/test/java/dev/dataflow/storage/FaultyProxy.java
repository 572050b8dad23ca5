package dev.dataflow.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the loopback S3 server that breaks connections on purpose, so the tests can watch the
 * real HTTP client fail and recover. It also counts requests by method, read from the request lines it forwards
 * (download traffic is only HEAD and GET, which have no bodies).
 */
final class FaultyProxy implements AutoCloseable {
    private final int upstreamPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger cut = new AtomicInteger();
    private final AtomicInteger corruptionsLeft = new AtomicInteger();
    private volatile long corruptAt;
    private volatile long inflateFirstLength;
    private volatile long cutAfterBytes;
    private volatile long stallAfterBytes = -1;
    private volatile String heldPath;
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile boolean closed;

    FaultyProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "faulty-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next {@code n} connections are closed as soon as they are accepted. */
    FaultyProxy dropConnections(int n) {
        dropsLeft.set(n);
        return this;
    }

    /** The next {@code n} connections forward only {@code bytes} of response, then both sides are closed. */
    FaultyProxy cutResponses(long bytes, int n) {
        cutAfterBytes = bytes;
        cutsLeft.set(n);
        return this;
    }

    /** The next {@code n} connections flip one bit of the response byte at {@code offset}, keeping the length. */
    FaultyProxy corruptResponses(long offset, int n) {
        corruptAt = offset;
        corruptionsLeft.set(n);
        return this;
    }

    /**
     * On every connection, the first response (the HEAD of a fresh download) announces {@code extra} more bytes
     * than the object has, so the metadata disagrees with the body that follows.
     */
    FaultyProxy inflateFirstContentLength(long extra) {
        inflateFirstLength = extra;
        return this;
    }

    /** Every connection forwards only {@code bytes} of response and then goes silent, keeping the socket open. */
    FaultyProxy stallResponsesAfter(long bytes) {
        stallAfterBytes = bytes;
        return this;
    }

    /**
     * Requests whose path contains {@code pathPart} are held back until {@code latch} is released by the test (e.g.
     * once other transfers have received bytes): an event, not a delay, so a loaded machine cannot reorder them. A
     * minute at most, so a test whose event never comes fails on its own assertions instead of hanging.
     */
    FaultyProxy holdRequestsUntil(String pathPart, CountDownLatch latch) {
        release = latch;
        heldPath = pathPart;
        return this;
    }

    int connections() {
        return connections.get();
    }

    int requests(String method) {
        AtomicInteger count = requests.get(method);
        return count == null ? 0 : count.get();
    }

    int dropped() {
        return dropped.get();
    }

    int cut() {
        return cut.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            sockets.add(client);
            if (dropsLeft.getAndDecrement() > 0) {
                dropped.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            long budget = Long.MAX_VALUE;
            boolean cutting = false;
            if (cutsLeft.getAndDecrement() > 0) {
                budget = cutAfterBytes;
                cutting = true;
            } else if (stallAfterBytes >= 0) {
                budget = stallAfterBytes;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(upstream);
                start("faulty-proxy-up", () -> forwardRequests(client, upstream));
                long limit = budget;
                boolean cutAtLimit = cutting;
                long flipAt = corruptionsLeft.getAndDecrement() > 0 ? corruptAt : -1;
                start("faulty-proxy-down", () -> forwardResponses(upstream, client, limit, cutAtLimit, flipAt));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Copies request heads one by one, counting methods and applying the configured delay. */
    private void forwardRequests(Socket client, Socket upstream) {
        try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] bytes = head.toByteArray();
                int n = bytes.length;
                if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
                    requests.computeIfAbsent(requestLine[0], k -> new AtomicInteger()).incrementAndGet();
                    String part = heldPath;
                    if (part != null && requestLine.length > 1 && requestLine[1].contains(part)) {
                        release.await(60, TimeUnit.SECONDS);
                    }
                    out.write(bytes);
                    out.flush();
                    long bodyLength = contentLength(text);
                    for (long i = 0; i < bodyLength && (b = in.read()) >= 0; i++) {
                        out.write(b);
                    }
                    out.flush();
                    head.reset();
                }
            }
        } catch (IOException | InterruptedException e) {
            // The other side or the test closed the connection.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void forwardResponses(Socket upstream, Socket client, long limit, boolean cutAtLimit, long flipAt) {
        try {
            InputStream in = upstream.getInputStream();
            OutputStream out = client.getOutputStream();
            if (inflateFirstLength != 0) {
                out.write(inflatedHead(in, inflateFirstLength));
            }
            byte[] buffer = new byte[8192];
            long sent = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int allowed = (int) Math.min(n, limit - sent);
                if (flipAt >= sent && flipAt < sent + allowed) {
                    buffer[(int) (flipAt - sent)] ^= 0x01;
                }
                out.write(buffer, 0, allowed);
                out.flush();
                sent += allowed;
                if (sent >= limit) {
                    if (cutAtLimit) {
                        cut.incrementAndGet();
                        break;
                    }
                    // Stall: stay silent with the socket open until the client gives up or the test ends.
                    while (!closed && !client.isClosed()) {
                        Thread.sleep(20);
                    }
                    break;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The other side or the test closed the connection.
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static byte[] inflatedHead(InputStream in, long extra) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                long length = contentLength(text);
                return text.replaceFirst("(?im)^content-length:.*$", "Content-Length: " + (length + extra)).getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        return head.toByteArray();
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    private static void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        sockets.forEach(FaultyProxy::closeQuietly);
    }
}
