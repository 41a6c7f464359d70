package dev.apitokens.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback to a real database that fails the way networks fail, until it is healed:
 * <ul>
 * <li>{@link #blackhole()}: it keeps accepting connections and keeps every connection open, but forwards nothing in
 * either direction, as a network that drops packets does (nothing is refused or reset, so only timeouts notice);
 * <li>{@link #cut()}: every forwarded connection is broken at once and new ones are closed as soon as they are
 * accepted, as a failed link or a stopped server does.
 * </ul>
 * It keeps listening in both cases: a released port could be taken by another process meanwhile (another build's
 * proxy to the same database), and the client would then reach the database through it.
 */
public final class BlackholeProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackhole;
    private volatile boolean cut;
    private volatile boolean closed;

    public BlackholeProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "blackhole-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Stops forwarding, keeping every connection (and accepting new ones). */
    public void blackhole() {
        blackhole = true;
    }

    /** Breaks every forwarded connection; new ones are closed as soon as they are accepted. */
    public void cut() {
        cut = true;
        sockets.forEach(BlackholeProxy::closeQuietly);
    }

    /** Forwards again, new connections and (after a black hole) the open ones. */
    public void heal() {
        blackhole = false;
        cut = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed, or the database refused: the client sees its connection go nowhere
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (!closed) {
                    if (blackhole) {
                        Thread.sleep(20); // neither read nor write: the bytes stay where they are
                        continue;
                    }
                    // read only what is there, so that a black hole that starts now stops this pump at once
                    int available = in.available();
                    if (available == 0) {
                        from.setSoTimeout(20);
                        try {
                            int n = in.read(buffer, 0, 1);
                            if (n < 0) {
                                break;
                            }
                            if (blackhole) {
                                holdWhileBlackholed();
                            }
                            out.write(buffer, 0, n);
                        } catch (java.net.SocketTimeoutException idle) {
                            continue;
                        }
                    } else {
                        int n = in.read(buffer, 0, Math.min(available, buffer.length));
                        if (n < 0) {
                            break;
                        }
                        if (blackhole) {
                            holdWhileBlackholed();
                        }
                        out.write(buffer, 0, n);
                    }
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed: the other side is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "blackhole-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void holdWhileBlackholed() throws InterruptedException {
        while (blackhole && !closed) {
            Thread.sleep(20);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        sockets.forEach(BlackholeProxy::closeQuietly);
    }
}
