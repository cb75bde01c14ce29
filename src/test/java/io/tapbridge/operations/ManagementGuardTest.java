package io.tapbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Which Jolokia requests are actions (an operator's) and which only read (a viewer may make them). */
class ManagementGuardTest {

    private static boolean viewerMay(String body) {
        List<JsonNode> execs = ManagementGuard.execs("POST", body);
        return execs.stream().allMatch(ManagementGuard::readOnly);
    }

    @Test
    void readsAndTheQuestionsAreAViewersEverythingElseAnOperators() {
        assertThat(viewerMay("{\"type\":\"read\",\"mbean\":\"org.apache.camel:type=routes,*\"}")).isTrue();
        assertThat(viewerMay("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=tap-bridge,type=context,name=\\\"tap-bridge\\\"\","
                + "\"operation\":\"dumpRoutesAsXml()\"}")).as("Hawtio draws the routes").isTrue();
        assertThat(viewerMay("{\"type\":\"exec\",\"mbean\":\"io.tapbridge:type=Operations\",\"operation\":\"whereIs\",\"arguments\":[\"x\"]}")).isTrue();
        assertThat(viewerMay("{\"type\":\"exec\",\"mbean\":\"io.tapbridge:type=Operations\",\"operation\":\"retryBatch\",\"arguments\":[1]}")).isFalse();
        assertThat(viewerMay("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"orders-intake\\\"\",\"operation\":\"stop()\"}"))
                .isFalse();
        assertThat(viewerMay("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:type=endpoints,name=\\\"seda://orders-send\\\"\","
                + "\"operation\":\"browseAllMessagesAsXml(java.lang.Boolean)\"}")).as("messages may hold what a viewer should not see").isFalse();
        assertThat(viewerMay("{\"type\":\"write\",\"mbean\":\"x:type=y\",\"attribute\":\"A\",\"value\":1}")).isFalse();
        // a bulk request is as strong as its strongest part
        assertThat(viewerMay("[{\"type\":\"read\",\"mbean\":\"a:b=c\"},{\"type\":\"exec\",\"mbean\":\"io.tapbridge:type=Operations\","
                + "\"operation\":\"runJob\",\"arguments\":[\"tap-models\"]}]")).isFalse();
        assertThat(ManagementGuard.execs("GET", null)).isEmpty();
        assertThat(ManagementGuard.execs("POST", "not json")).as("Jolokia refuses it itself").isEmpty();
    }
}
