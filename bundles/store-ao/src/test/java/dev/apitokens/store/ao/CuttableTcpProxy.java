package dev.apitokens.store.ao;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder to a local database server that a test can cut (breaking open connections and closing new ones
 * at once, as a failed network or a stopped server would) and restore. It keeps listening while cut: a released
 * port could be taken by another process meanwhile (another build's proxy to the same database, say), and the
 * store would then reach the database through it.
 */
final class CuttableTcpProxy implements AutoCloseable {

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ServerSocket listener;
    private volatile boolean cut;

    CuttableTcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, loopback);
        this.port = listener.getLocalPort();
        daemon(this::accept);
    }

    int port() {
        return port;
    }

    /** Breaks every forwarded connection; new ones are closed as soon as they are accepted. */
    void cut() throws IOException {
        cut = true;
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Forwards new connections again. */
    void restore() {
        cut = false;
    }

    @Override
    public void close() throws IOException {
        cut();
        listener.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                continue; // closed by close(): the loop ends
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket target = new Socket(loopback, targetPort);
                open.add(client);
                open.add(target);
                daemon(() -> pump(client, target));
                daemon(() -> pump(target, client));
            } catch (IOException e) {
                closeQuietly(client); // the server refused: so does the proxy
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close the other below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        thread.start();
    }
}
