package dev.apitokens.plugintests;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** The Jira plugin jar in Felix next to the simulated Atlassian host (see the support class). */
@RunWith(PaxExam.class)
// a framework per test: the license gate caches its verdict, and the simulated host keeps state
@ExamReactorStrategy(PerMethod.class)
public class JiraPluginIT extends PluginInSimulatedHostTestSupport {

    @Configuration
    public Option[] configuration() {
        return options(PluginJar.JIRA);
    }

    @Override
    protected PluginJar plugin() {
        return PluginJar.JIRA;
    }
}
