package dev.apitokens.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Records what the framework logs while open. The distributions log through slf4j-simple, which writes each line
 * to whatever {@code System.err} is at that moment; this tees it, so the console still shows everything.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    /** Everything logged since {@link #start()}. */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** The first captured line containing every one of {@code parts}, or {@code null}. */
    String lineWith(String... parts) {
        for (String line : text().split("\\R")) {
            boolean all = true;
            for (String part : parts) {
                all &= line.contains(part);
            }
            if (all) {
                return line;
            }
        }
        return null;
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
