package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelsCommandTest {

    private static String[] run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString()};
    }

    @Test
    void jsonListsModelPresetParametersPatchAndStepTime() throws Exception {
        String[] r = run("models", "--json", "--model", "unet3d", "--preset", "cpu", "--channels", "4,8", "--classes", "3", "--repeats", "1");
        assertEquals("0", r[0], r[2]);
        JsonNode list = new ObjectMapper().readTree(r[1]);
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
        String[] r = run("models", "--json", "--model", "unet3d", "--no-timing");
        assertEquals("0", r[0], r[2]);
        JsonNode list = new ObjectMapper().readTree(r[1]);
        assertEquals(2, list.size());
        assertEquals("paper", list.get(0).get("preset").asText());
        assertEquals(96, list.get(0).get("patch").asInt());
        assertTrue(list.get(0).get("step_ms").isNull());
    }

    @Test
    void unknownModelIsAClearUsageError() {
        String[] r = run("models", "--model", "vnet", "--no-timing");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("vnet") && r[2].contains("unet3d"), r[2]);
    }
}
