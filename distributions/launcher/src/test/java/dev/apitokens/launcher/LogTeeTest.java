package dev.apitokens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The asynchronous tee: nothing lost or torn, even with a queue far smaller than what is written at once. */
class LogTeeTest {

    /** An output stream that collects bytes and is slow, so the queue fills up. */
    static final class SlowSink extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            Thread.onSpinWait();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyLineOfEveryThreadReachesConsoleAndFileWholeAndInOrder() throws Exception {
        SlowSink out = new SlowSink();
        SlowSink err = new SlowSink();
        SlowSink file = new SlowSink();
        LogTee tee = new LogTee(out, err, file, 8, null);
        PrintStream errStream = tee.stream(err);
        PrintStream outStream = tee.stream(out);
        int threads = 4;
        int lines = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < lines; i++) {
                    (thread == 0 ? outStream : errStream).println("thread " + thread + " line " + i
                            + " has been authenticated via API Token");
                }
            });
            writer.start();
            writers.add(writer);
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        tee.close();

        List<String> fileLines = Arrays.asList(file.text().split("\n"));
        assertEquals(threads * lines, fileLines.size(), "every line in the file, none dropped");
        assertEquals(lines, out.text().split("\n").length);
        assertEquals((threads - 1) * lines, err.text().split("\n").length);
        for (int t = 0; t < threads; t++) {
            String prefix = "thread " + t + " line ";
            List<String> own = fileLines.stream().filter(line -> line.startsWith(prefix)).toList();
            assertEquals(lines, own.size(), "whole lines of thread " + t);
            for (int i = 0; i < lines; i++) {
                assertEquals(prefix + i + " has been authenticated via API Token", own.get(i), "in order");
            }
        }
    }

    @Test
    void aLineIsWrittenOutWithoutWaitingForMoreAndWritesAfterCloseGoStraightThrough() throws Exception {
        SlowSink out = new SlowSink();
        SlowSink file = new SlowSink();
        LogTee tee = new LogTee(out, new SlowSink(), file, LogTee.CAPACITY, null);
        PrintStream stream = tee.stream(out);
        stream.println("first");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!file.text().contains("first") && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals("first\n", file.text(), "flushed without waiting for more lines");
        tee.close();
        stream.println("after close");
        assertTrue(file.text().endsWith("after close\n") && out.text().endsWith("after close\n"));
    }

    @Test
    void slf4jSimpleLinesGetTheTimeTheyWereLoggedAndOtherLinesStayAsWritten() throws Exception {
        SlowSink err = new SlowSink();
        SlowSink file = new SlowSink();
        LogTee tee = new LogTee(new SlowSink(), err, file, LogTee.CAPACITY, new LineTimestamp(ZoneOffset.UTC));
        PrintStream stream = tee.stream(err);
        long before = System.currentTimeMillis();
        stream.println("[INFO] dev.apitokens.core.internal.TokenAuthenticator - bob has been authenticated via API "
                + "Token (W47AcmbHJCjwsRJt)");
        stream.println("\tat some.Frame(Frame.java:1)");
        stream.println("[ERROR] x - y");
        long after = System.currentTimeMillis();
        tee.close();

        String[] lines = file.text().split("\n");
        assertEquals(3, lines.length);
        Matcher line = Pattern.compile("(\\S+) (\\[INFO\\] .*)").matcher(lines[0]);
        assertTrue(line.matches(), lines[0]);
        assertEquals("[INFO] dev.apitokens.core.internal.TokenAuthenticator - bob has been authenticated via API "
                + "Token (W47AcmbHJCjwsRJt)", line.group(2));
        SimpleDateFormat slf4jSimple = new SimpleDateFormat(LineTimestamp.PATTERN);
        slf4jSimple.setTimeZone(TimeZone.getTimeZone("UTC"));
        long stamped = slf4jSimple.parse(line.group(1)).getTime();
        assertTrue(stamped >= before && stamped <= after, "the time of logging: " + line.group(1));
        assertEquals("\tat some.Frame(Frame.java:1)", lines[1], "a stack trace line is not stamped");
        assertTrue(lines[2].matches("\\S+ \\[ERROR\\] x - y"), lines[2]);
        assertEquals(file.text(), err.text(), "the console gets the same text");
    }
}
