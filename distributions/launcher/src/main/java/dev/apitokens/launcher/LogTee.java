package dev.apitokens.launcher;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Copies everything written to {@code System.out} and {@code System.err} into a log file as well, so the logs
 * reach both the console and {@code <data>/logs/}. The slf4j provider (slf4j-simple) writes to
 * {@code System.err}; replacing the streams here, before the framework starts, needs no logging configuration
 * inside the framework.
 *
 * <p>Off the request path: a request thread that logs (every token login writes a line) only hands its bytes to a
 * bounded queue; one writer thread writes them, buffered, to the console and the file, and flushes what it wrote
 * at most about ten milliseconds later. Nothing is ever dropped: when the
 * queue is full the logging thread waits. What is still queued when the JVM is killed outright (SIGKILL) is lost;
 * a normal stop drains the queue ({@link #close()}).
 */
final class LogTee implements AutoCloseable {

    /** Writes queued at most: about a few MB of log lines. */
    static final int CAPACITY = 16_384;

    /** {@code loggedAt}: when a line that gets a timestamp was logged, else {@link #NO_STAMP}. */
    private record Chunk(OutputStream target, byte[] bytes, long loggedAt) {
    }

    private static final long NO_STAMP = Long.MIN_VALUE;
    private static final Chunk END = new Chunk(null, new byte[0], NO_STAMP);
    /** How slf4j-simple starts a line (levelInBrackets, no date, no thread): the lines that get a timestamp. */
    private static final List<byte[]> LEVELS = Stream.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR")
            .map(level -> ("[" + level + "] ").getBytes(StandardCharsets.US_ASCII)).toList();
    /** One-millisecond naps on an empty queue before the writer blocks: 100 ms of quiet. */
    private static final int NAPS_BEFORE_SLEEP = 100;
    /** How long a written line may wait for its flush. */
    private static final long FLUSH_AFTER_MILLIS = 10;
    private static final long FLUSH_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(FLUSH_AFTER_MILLIS);

    private final BlockingQueue<Chunk> queue;
    private final OutputStream out;
    private final OutputStream err;
    private final OutputStream file;
    private final Thread writer;
    /** {@code null}: lines are written as they come. */
    private final LineTimestamp timestamps;
    private volatile boolean closed;

    /**
     * @param timestamps puts the time a line was logged in front of each slf4j-simple line, or {@code null}
     */
    LogTee(OutputStream out, OutputStream err, OutputStream file, int capacity, LineTimestamp timestamps) {
        this.timestamps = timestamps;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.err = new BufferedOutputStream(err, 64 * 1024);
        this.file = new BufferedOutputStream(file, 64 * 1024);
        this.writer = new Thread(this::drain, "apitokens-log-writer");
        writer.setDaemon(true); // the JVM's exit is never held up by it; close() drains before a normal exit
        writer.start();
    }

    /**
     * Replaces {@code System.out} and {@code System.err}; the returned tee must be closed on shutdown.
     *
     * @param stampLines whether to write a timestamp in front of each slf4j-simple line ({@link LoggingDefaults})
     */
    static LogTee install(Path logFile, boolean stampLines) throws IOException {
        Files.createDirectories(logFile.getParent());
        OutputStream file = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        LogTee tee = new LogTee(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err),
                file, CAPACITY, stampLines ? new LineTimestamp(ZoneId.systemDefault()) : null);
        System.setOut(tee.stream(tee.out));
        System.setErr(tee.stream(tee.err));
        return tee;
    }

    /** A print stream whose bytes go to {@code console} and the file, in the order they were written. */
    PrintStream stream(OutputStream console) {
        return new LineStream(console);
    }

    /**
     * What {@code System.out} and {@code System.err} become. A whole line ({@link #println(String)}, which is how
     * slf4j-simple writes each log line, inside its one global lock) is encoded and queued as it is, without the
     * print stream's own lock, character buffers and encoder, so the logging lock is held as briefly as possible;
     * everything else goes through {@link PrintStream} as usual and reaches {@link #write(byte[], int, int)}.
     */
    private final class LineStream extends PrintStream {

        private final OutputStream console;
        private final byte[] lineSeparator = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

        LineStream(OutputStream console) {
            super(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    queue(console, Arrays.copyOfRange(bytes, offset, offset + length));
                }
            }, false, StandardCharsets.UTF_8);
            this.console = console;
        }

        @Override
        public void println(String line) {
            byte[] text = String.valueOf(line).getBytes(StandardCharsets.UTF_8);
            byte[] bytes = Arrays.copyOf(text, text.length + lineSeparator.length);
            System.arraycopy(lineSeparator, 0, bytes, text.length, lineSeparator.length);
            try {
                queue(console, bytes);
            } catch (IOException e) {
                setError();
            }
        }

        /** Nothing to flush here: every write is queued whole at once, and the writer flushes. */
        @Override
        public void flush() {
        }
    }

    private void queue(OutputStream console, byte[] bytes) throws IOException {
        long loggedAt = timestamps != null && startsWithLevel(bytes, 0, bytes.length)
                ? System.currentTimeMillis() : NO_STAMP;
        enqueue(new Chunk(console, bytes, loggedAt));
    }

    private static boolean startsWithLevel(byte[] bytes, int offset, int length) {
        if (length == 0 || bytes[offset] != '[') {
            return false;
        }
        for (byte[] level : LEVELS) {
            if (length >= level.length && Arrays.equals(bytes, offset, offset + level.length, level, 0, level.length)) {
                return true;
            }
        }
        return false;
    }

    private void enqueue(Chunk chunk) throws IOException {
        if (closed) {
            writeNow(chunk); // after the drain (e.g. another shutdown hook): straight through
            return;
        }
        try {
            queue.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the log queue was full");
        }
    }

    /**
     * The writer's loop. While lines keep coming it never blocks on the queue, so a logging thread never has to
     * wake it (that wake-up, one per line, cost more than the write); it naps a millisecond when the queue is empty
     * and only after {@value #NAPS_BEFORE_SLEEP} naps in a row blocks until the next line. What it wrote is flushed
     * once it has waited {@value #FLUSH_AFTER_MILLIS} ms unflushed, and before the writer blocks: flushing whenever
     * the queue ran empty cost three system calls per millisecond under load, more than the writes.
     */
    private void drain() {
        List<Chunk> batch = new ArrayList<>(1024);
        int naps = 0;
        long unflushedSince = 0;
        boolean unflushed = false;
        try {
            while (true) {
                if (unflushed && System.nanoTime() - unflushedSince >= FLUSH_AFTER_NANOS) {
                    flushAll();
                    unflushed = false;
                }
                batch.clear();
                if (queue.drainTo(batch, 1024) == 0) {
                    if (++naps < NAPS_BEFORE_SLEEP) {
                        LockSupport.parkNanos(1_000_000L);
                        continue;
                    }
                    flushAll();
                    unflushed = false;
                    batch.add(queue.take());
                }
                naps = 0;
                for (Chunk chunk : batch) {
                    if (chunk == END) {
                        flushAll();
                        return;
                    }
                    write(chunk);
                }
                if (!unflushed) {
                    unflushed = true;
                    unflushedSince = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            flushAll();
        }
    }

    private synchronized void write(Chunk chunk) {
        try {
            if (chunk.loggedAt() != NO_STAMP) {
                byte[] stamp = timestamps.of(chunk.loggedAt());
                chunk.target().write(stamp);
                file.write(stamp);
            }
            chunk.target().write(chunk.bytes());
            file.write(chunk.bytes());
        } catch (IOException e) {
            // a full disk or a closed console: nothing useful to do with a log line about the log
        }
    }

    private synchronized void writeNow(Chunk chunk) {
        write(chunk);
        flushAll();
    }

    private synchronized void flushAll() {
        try {
            out.flush();
            err.flush();
            file.flush();
        } catch (IOException e) {
            // as in write
        }
    }

    /** Writes out everything queued, then passes later writes straight through; waits at most 10 s. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            queue.put(END);
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            flushAll();
        }
    }
}
