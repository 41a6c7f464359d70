package dev.apitokens.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.AssumptionViolatedException;
import org.junit.runner.Description;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * {@link PaxExam}, but only when PostgreSQL answers on 127.0.0.1:5432. Otherwise every test is reported skipped
 * with the reason, or failed when {@code CI=true}. The check runs here, in the test driver, because Pax Exam
 * reports an assumption that fails inside the framework as a pass.
 */
public class PaxExamWithPostgres extends PaxExam {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;

    public PaxExamWithPostgres(Class<?> testClass) throws InitializationError {
        super(testClass);
    }

    @Override
    public void run(RunNotifier notifier) {
        String unreachable = unreachable();
        if (unreachable == null) {
            super.run(notifier);
            return;
        }
        boolean ci = "true".equals(System.getenv("CI"));
        for (Description test : getDescription().getChildren()) {
            notifier.fireTestStarted(test);
            if (ci) {
                notifier.fireTestFailure(new Failure(test, new AssertionError(unreachable + "; CI=true: it must run")));
            } else {
                notifier.fireTestAssumptionFailed(
                        new Failure(test, new AssumptionViolatedException(unreachable + ": skipped")));
            }
            notifier.fireTestFinished(test);
        }
    }

    private static String unreachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 2000);
            return null;
        } catch (IOException e) {
            return "PostgreSQL is not reachable on " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
        }
    }
}
