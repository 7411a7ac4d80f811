package dev.tierfeed.stack;

import java.util.HashMap;
import java.util.Map;

/**
 * A daemon of the cluster mode's Spark standalone cluster (the master or a worker): a small JVM
 * from the Spark jars Maven resolved for the streaming job, bound to its part's address.
 */
abstract class SparkDaemonPart extends Part {
    SparkDaemonPart(String name, StackSettings settings) {
        super(name, settings);
    }

    @Override
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPARK_LOCAL_IP", host());
        environment.put("SPARK_SCALA_VERSION", "2.12");
        return environment;
    }

    @Override
    String classpath() {
        return moduleClasspath("streaming");
    }

    @Override
    String heap() {
        return "256m";
    }
}
