package dev.apitokens.testing.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

/**
 * The proxy in front of a loopback echo server: it forwards, then swallows everything without closing (or breaks
 * every connection), then forwards again.
 */
class BlackholeProxyTest {

    @Test
    void forwardsThenHoldsThenForwardsAgain() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                BlackholeProxy proxy = new BlackholeProxy(echo.getLocalPort())) {
            Thread server = new Thread(() -> {
                try (Socket peer = echo.accept(); InputStream in = peer.getInputStream();
                        OutputStream out = peer.getOutputStream()) {
                    for (int b; (b = in.read()) >= 0;) {
                        out.write(b);
                        out.flush();
                    }
                } catch (IOException e) {
                    // the test ended
                }
            });
            server.setDaemon(true);
            server.start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                client.setSoTimeout(1_000);
                client.getOutputStream().write('a');
                assertEquals('a', client.getInputStream().read());
                proxy.blackhole();
                client.getOutputStream().write('b');
                assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read(),
                        "a black hole neither answers nor closes");
                proxy.heal();
                client.setSoTimeout(5_000);
                assertEquals('b', client.getInputStream().read(), "held bytes arrive once healed");
            }
        }
    }

    @Test
    void aCutBreaksOpenConnectionsAndClosesNewOnesUntilHealed() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                BlackholeProxy proxy = new BlackholeProxy(echo.getLocalPort())) {
            Thread server = new Thread(() -> {
                while (!echo.isClosed()) {
                    try {
                        Socket peer = echo.accept();
                        Thread pump = new Thread(() -> echo(peer));
                        pump.setDaemon(true);
                        pump.start();
                    } catch (IOException e) {
                        return; // the test ended
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                client.setSoTimeout(5_000);
                client.getOutputStream().write('a');
                assertEquals('a', client.getInputStream().read());
                proxy.cut();
                assertEquals(-1, client.getInputStream().read(), "an open connection is broken at once");
            }
            try (Socket refused = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                refused.setSoTimeout(5_000);
                assertEquals(-1, refused.getInputStream().read(), "a new connection is closed as soon as accepted");
            }
            proxy.heal();
            try (Socket again = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                again.setSoTimeout(5_000);
                again.getOutputStream().write('c');
                assertEquals('c', again.getInputStream().read(), "healed, it forwards new connections");
            }
        }
    }

    private static void echo(Socket peer) {
        try (peer; InputStream in = peer.getInputStream(); OutputStream out = peer.getOutputStream()) {
            for (int b; (b = in.read()) >= 0;) {
                out.write(b);
                out.flush();
            }
        } catch (IOException e) {
            // the proxy closed the connection
        }
    }
}
