package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON helpers for schedule states. NaN is written as null because plain JSON has no NaN. */
final class StateJson {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StateJson() {}

    static ArrayNode array(double[] values) {
        ArrayNode a = NODES.arrayNode();
        for (double v : values) {
            if (Double.isNaN(v)) a.addNull();
            else a.add(v);
        }
        return a;
    }

    static double[] doubles(JsonNode node, String field, int expectedLength) {
        JsonNode a = field(node, field);
        if (!a.isArray() || a.size() != expectedLength) {
            throw new IllegalArgumentException("schedule state: '" + field + "' must be an array of " + expectedLength + " numbers");
        }
        double[] out = new double[expectedLength];
        for (int i = 0; i < expectedLength; i++) {
            JsonNode v = a.get(i);
            if (v.isNull()) out[i] = Double.NaN;
            else if (v.isNumber()) out[i] = v.doubleValue();
            else throw new IllegalArgumentException("schedule state: '" + field + "'[" + i + "] is not a number");
        }
        return out;
    }

    static int integer(JsonNode node, String field) {
        JsonNode v = field(node, field);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("schedule state: '" + field + "' must be an integer");
        }
        return v.intValue();
    }

    static double number(JsonNode node, String field) {
        JsonNode v = field(node, field);
        if (!v.isNumber()) throw new IllegalArgumentException("schedule state: '" + field + "' must be a number");
        return v.doubleValue();
    }

    static JsonNode field(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null) throw new IllegalArgumentException("schedule state: missing '" + field + "'");
        return v;
    }

    /** Checks that a state was written by a schedule of this name and class count. */
    static void checkOwner(JsonNode state, String name, int numClasses) {
        if (state == null || !state.isObject()) throw new IllegalArgumentException("schedule state must be a JSON object");
        String got = field(state, "name").asText();
        if (!got.equals(name)) {
            throw new IllegalArgumentException("schedule state belongs to '" + got + "', not to '" + name + "'");
        }
        int n = integer(state, "numClasses");
        if (n != numClasses) {
            throw new IllegalArgumentException("schedule state has " + n + " classes, this schedule " + numClasses);
        }
    }

    static ObjectNode header(String name, int numClasses) {
        ObjectNode o = NODES.objectNode();
        o.put("name", name);
        o.put("numClasses", numClasses);
        return o;
    }
}
