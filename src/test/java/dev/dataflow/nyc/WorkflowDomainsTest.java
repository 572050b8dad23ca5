package dev.dataflow.nyc;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The GitHub workflow offers every domain of pipeline.yaml, in its order, after "all": the original's workflow lagged
 * its graph (domains-2026.md 5.1 item 9) and left four domains out.
 */
class WorkflowDomainsTest {
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String file) throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of(file)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkflowOffersAllAndEveryDomainOfThePipeline() throws Exception {
        List<String> expected = new ArrayList<>(List.of("all"));
        expected.addAll(((Map<String, Object>) yaml("pipeline.yaml").get("domains")).keySet());
        Map<String, Object> on = (Map<String, Object>) yaml(".github/workflows/data-flow.yml").get("on");
        Map<String, Object> inputs = (Map<String, Object>) ((Map<String, Object>) on.get("workflow_dispatch")).get("inputs");
        assertEquals(expected, ((Map<String, Object>) inputs.get("domain")).get("options"));
    }
}
