package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.testutil.CommandRun;
import org.junit.jupiter.api.Test;

class ModelsCommandTest {

    @Test
    void jsonListsModelPresetParametersPatchAndStepTime() throws Exception {
        CommandRun r = CommandRun.of("models", "--json", "--model", "unet3d", "--preset", "cpu", "--channels", "4,8", "--classes", "3", "--repeats", "1");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertEquals(1, list.size());
        JsonNode row = list.get(0);
        assertEquals("unet3d", row.get("model").asText());
        assertEquals("cpu", row.get("preset").asText());
        assertEquals(64, row.get("patch").asInt());
        // conv 1->4 (108) + 2 norm (8) + conv 4->4 (432) + 8; level 2: 4*8*27 + 16 + 8*8*27 + 16;
        // up 8->4: 8*4*8 + 4; dec: 8*4*27 + 8 + 4*4*27 + 8; head 4*3 + 3
        long expected = 108 + 8 + 432 + 8 + 864 + 16 + 1728 + 16 + 256 + 4 + 864 + 8 + 432 + 8 + 15;
        assertEquals(expected, row.get("parameters").asLong());
        assertTrue(row.get("step_ms").asDouble() > 0);
    }

    @Test
    void noTimingListsBothUNet3DPresetsWithNullStepTime() throws Exception {
        CommandRun r = CommandRun.of("models", "--json", "--model", "unet3d", "--no-timing");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertEquals(2, list.size());
        assertEquals("paper", list.get(0).get("preset").asText());
        assertEquals(96, list.get(0).get("patch").asInt());
        assertTrue(list.get(0).get("step_ms").isNull());
    }

    @Test
    void unknownModelIsAClearUsageError() {
        CommandRun r = CommandRun.of("models", "--model", "vnet", "--no-timing");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("vnet") && r.err().contains("unet3d"), r.err());
    }
}
