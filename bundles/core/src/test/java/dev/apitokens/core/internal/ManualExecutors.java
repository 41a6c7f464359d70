package dev.apitokens.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Executors whose work the test runs when it chooses, so that background work is observable step by step. */
final class ManualExecutors {

    private ManualExecutors() {
    }

    /** Queues tasks; {@link #runAll()} runs them on the test thread. */
    static final class Queue extends AbstractExecutorService {
        private final Deque<Runnable> tasks = new ArrayDeque<>();
        private boolean shutdown;

        @Override
        public synchronized void execute(Runnable task) {
            if (shutdown) {
                throw new RejectedExecutionException("shut down");
            }
            tasks.add(task);
        }

        int runAll() {
            int ran = 0;
            Runnable task;
            while ((task = next()) != null) {
                task.run();
                ran++;
            }
            return ran;
        }

        synchronized int queued() {
            return tasks.size();
        }

        private synchronized Runnable next() {
            return tasks.poll();
        }

        @Override
        public synchronized void shutdown() {
            shutdown = true;
        }

        @Override
        public synchronized List<Runnable> shutdownNow() {
            shutdown = true;
            List<Runnable> dropped = new ArrayList<>(tasks);
            tasks.clear();
            return dropped;
        }

        @Override
        public synchronized boolean isShutdown() {
            return shutdown;
        }

        @Override
        public synchronized boolean isTerminated() {
            return shutdown && tasks.isEmpty();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return isTerminated();
        }
    }

    /** Records the periodic task and its delay instead of running it. */
    static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        volatile Runnable periodicTask;
        volatile long initialDelay;
        volatile long delay;
        volatile TimeUnit unit;

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            this.periodicTask = command;
            this.initialDelay = initialDelay;
            this.delay = delay;
            this.unit = unit;
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }
    }
}
