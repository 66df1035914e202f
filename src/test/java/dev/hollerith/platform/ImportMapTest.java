package dev.hollerith.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (docs/design.md): the import map of {@code src/main} has no loop, neither
 * between packages nor between components (the first name below {@code dev.hollerith}). A loop shows
 * with the files that make each of its edges.
 */
class ImportMapTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/hollerith");
    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.hollerith\\.([\\w.]+);", Pattern.MULTILINE);
    /** Imports and fully qualified names alike: a package, then a type's capital letter. */
    private static final Pattern REFERENCE = Pattern.compile("dev\\.hollerith\\.([a-z_]\\w*(?:\\.[a-z_]\\w*)*)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        assertEquals(List.of(), loops(UnaryOperator.identity()));
    }

    @Test
    void noComponentDependsOnItselfThroughOthers() throws IOException {
        assertEquals(List.of(), loops(pkg -> pkg.split("\\.")[0]));
    }

    /** Each loop as its members and the files behind its edges; empty when there is none. */
    private static List<String> loops(UnaryOperator<String> unit) throws IOException {
        Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                if (!declared.find()) {
                    continue;
                }
                String from = unit.apply(declared.group(1));
                Matcher reference = REFERENCE.matcher(source);
                while (reference.find()) {
                    String to = unit.apply(reference.group(1));
                    if (!to.equals(from)) {
                        edges.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>())
                                .add(SOURCES.relativize(file).toString());
                    }
                }
            }
        }
        List<String> found = new ArrayList<>();
        for (Set<String> loop : new StronglyConnected(edges).loops()) {
            StringBuilder described = new StringBuilder("loop " + loop + ":");
            for (String from : loop) {
                edges.getOrDefault(from, Map.of()).forEach((to, why) -> {
                    if (loop.contains(to)) {
                        described.append("\n  ").append(from).append(" -> ").append(to).append(" in ").append(why);
                    }
                });
            }
            found.add(described.toString());
        }
        return found;
    }

    /** Tarjan's strongly connected components; those of more than one member are the loops. */
    private static final class StronglyConnected {
        private final Map<String, Map<String, Set<String>>> edges;
        private final Map<String, Integer> index = new TreeMap<>();
        private final Map<String, Integer> low = new TreeMap<>();
        private final List<String> stack = new ArrayList<>();
        private final List<Set<String>> loops = new ArrayList<>();

        StronglyConnected(Map<String, Map<String, Set<String>>> edges) {
            this.edges = edges;
        }

        List<Set<String>> loops() {
            for (String node : edges.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return loops;
        }

        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.add(node);
            for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (stack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> members = new TreeSet<>();
                String member;
                do {
                    member = stack.remove(stack.size() - 1);
                    members.add(member);
                } while (!member.equals(node));
                if (members.size() > 1) {
                    loops.add(members);
                }
            }
        }
    }
}
