package dynaseg.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main/java import each other without a cycle, and nothing imports the root
 * package {@code dynaseg} (the public API may use everything). A reference is an import or a
 * qualified name ({@code dynaseg.train.AtomicFiles.X}) in code; comments and strings don't count.
 * docs/ARCHITECTURE.md describes the order the packages stand in.
 */
class PackageCyclesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(dynaseg(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]\\w*");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    /** package -> the packages it references, each with one file that does it. */
    static Map<String, Map<String, String>> graph(Path root) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        Set<String> packages = new TreeSet<>();
        Map<String, String> packageOf = new HashMap<>();
        sources.forEach((file, text) -> {
            Matcher m = PACKAGE.matcher(text);
            String p = m.find() ? m.group(1) : "";
            packages.add(p);
            packageOf.put(file, p);
        });
        Map<String, Map<String, String>> graph = new TreeMap<>();
        sources.forEach((file, text) -> {
            String from = packageOf.get(file);
            Matcher m = REFERENCE.matcher(code(text));
            while (m.find()) {
                String to = m.group(1);
                if (!to.equals(from) && packages.contains(to)) {
                    graph.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, file);
                }
            }
        });
        return graph;
    }

    /** The text without comments, string and character literals. */
    static String code(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(\\\\.|[^\"\\\\\\n])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\\\n])'", "' '");
    }

    /** One cycle, as package names from first to first again, or an empty list. */
    static List<String> cycle(Map<String, Map<String, String>> graph) {
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (String start : graph.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> found = visit(start, graph, state, path);
            if (!found.isEmpty()) return found;
        }
        return List.of();
    }

    private static List<String> visit(String p, Map<String, Map<String, String>> graph, Map<String, Integer> state,
            Deque<String> path) {
        Integer s = state.get(p);
        if (s != null && s == 2) return List.of();
        if (s != null && s == 1) {
            List<String> onPath = new ArrayList<>(path);
            List<String> c = new ArrayList<>(onPath.subList(onPath.indexOf(p), onPath.size()));
            c.add(p);
            return c;
        }
        state.put(p, 1);
        path.addLast(p);
        for (String q : graph.getOrDefault(p, Map.of()).keySet()) {
            List<String> c = visit(q, graph, state, path);
            if (!c.isEmpty()) return c;
        }
        path.removeLast();
        state.put(p, 2);
        return List.of();
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Map<String, String>> graph = graph(MAIN);
        List<String> cycle = cycle(graph);
        StringBuilder why = new StringBuilder("package cycle: " + String.join(" -> ", cycle));
        for (int i = 0; i + 1 < cycle.size(); i++) {
            why.append("\n  ").append(cycle.get(i)).append(" -> ").append(cycle.get(i + 1)).append(" in ")
                    .append(graph.get(cycle.get(i)).get(cycle.get(i + 1)));
        }
        assertEquals(List.of(), cycle, why.toString());
    }

    @Test
    void nothingImportsTheRootPackage() throws IOException {
        graph(MAIN).forEach((from, to) -> assertTrue(!to.containsKey("dynaseg"),
                from + " uses the public API package dynaseg in " + to.get("dynaseg")));
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Map<String, String>> g = Map.of("a", Map.of("b", "A.java"), "b", Map.of("c", "B.java"),
                "c", Map.of("a", "C.java"));
        assertEquals(List.of("a", "b", "c", "a"), cycle(new TreeMap<>(g)));
        assertEquals("x \"\" y", code("x /* dynaseg.train.A */ \"dynaseg.train.A\" y // dynaseg.train.A").replaceAll("\\s+", " ").trim());
    }
}
