package dev.apitokens.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copies everything written to {@code System.out} and {@code System.err} into a log file as well, so the logs
 * reach both the console and {@code <data>/logs/}. The slf4j provider (slf4j-simple) writes to
 * {@code System.err}; replacing the streams here, before the framework starts, needs no logging configuration
 * inside the framework.
 */
final class LogTee extends OutputStream {

    private final OutputStream console;
    private final OutputStream file;

    private LogTee(OutputStream console, OutputStream file) {
        this.console = console;
        this.file = file;
    }

    static void install(Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        OutputStream file = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.setOut(stream(new FileOutputStream(FileDescriptor.out), file));
        System.setErr(stream(new FileOutputStream(FileDescriptor.err), file));
    }

    private static PrintStream stream(OutputStream console, OutputStream file) {
        return new PrintStream(new LogTee(console, file), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        console.write(bytes, offset, length);
        // out and err share the file: one writer at a time keeps their lines whole
        synchronized (file) {
            file.write(bytes, offset, length);
        }
    }

    @Override
    public void flush() throws IOException {
        console.flush();
        synchronized (file) {
            file.flush();
        }
    }
}
