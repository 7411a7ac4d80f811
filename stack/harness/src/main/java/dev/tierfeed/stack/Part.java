package dev.tierfeed.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One long-running process of the stack (Cassandra, Kafka, the streaming job, the service):
 * how to prepare its folder, the command that starts it, the ports it binds and how to tell
 * that it is ready.
 */
abstract class Part {
    protected final StackSettings settings;
    private final String name;

    Part(String name, StackSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    String name() {
        return name;
    }

    /** What kind of part this is: its name without a node's number ({@code cassandra} for {@code cassandra-2}). */
    String kind() {
        return name.replaceFirst("-\\d+$", "");
    }

    /** The folder of this part inside the stack's home. */
    Path dir() {
        return settings.home().resolve(name);
    }

    /** Ports this part binds, each with what it is for (shown when one is taken). */
    abstract Map<Integer, String> ports();

    /** The address this part binds its ports on: a node of its own in cluster mode. */
    String host() {
        return ClusterLayout.NODES.get(0);
    }

    /** What the command line of this part's process carries, so that a reused pid is not taken for it. */
    String marker() {
        return "-Dtierfeed.part=" + name + "@" + settings.home();
    }

    /** Writes configuration, formats storage: whatever must exist before the process starts. */
    void prepare() throws IOException {
        Files.createDirectories(dir());
    }

    /** JVM options and main class with arguments; the classpath and heap are added by the caller. */
    abstract List<String> jvmArguments();

    /** The classpath of this part, from the classpath file its module writes at build time. */
    abstract String classpath();

    abstract String heap();

    /** Extra environment for the process. */
    Map<String, String> environment() {
        return Map.of();
    }

    /** How much lower than normal the process's CPU priority is (nice); 0 for normal. */
    int niceness() {
        return 0;
    }

    /** Whether the running process serves its purpose yet (port open, health check green). */
    abstract boolean isReady();

    /** Full command line: java with heap, an identifying marker, classpath and arguments. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + heap());
        command.add("-Xmx" + heap());
        command.add(marker());
        command.addAll(extraJvmOptions());
        command.add("-cp");
        command.add(classpath());
        command.addAll(jvmArguments());
        return command;
    }

    /**
     * The setting {@code TIERFEED_<PART>_JVM_OPTIONS}: further JVM options, separated by spaces,
     * placed before the part's own arguments (another collector, say, measured without a build).
     */
    List<String> extraJvmOptions() {
        String value = settings.passThrough().get("TIERFEED_" + kind().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_JVM_OPTIONS");
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /** {@link #moduleClasspath(StackSettings, String)} in this part's stack. */
    String moduleClasspath(String module) {
        return moduleClasspath(settings, module);
    }

    /** Reads a module's classpath file and puts the module's own classes in front. */
    static String moduleClasspath(StackSettings settings, String module) {
        Path moduleDir = settings.root().resolve(module);
        Path file = moduleDir.resolve("target/classpath.txt");
        Path classes = moduleDir.resolve("target/classes");
        try {
            String dependencies = Files.readString(file).trim();
            return Files.isDirectory(classes) ? classes + java.io.File.pathSeparator + dependencies : dependencies;
        } catch (IOException e) {
            throw new StackException(module + " is not built (no " + file + "): run `bin/tierfeed build`", e);
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
