package dev.tierfeed.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server: S3Proxy on its filesystem backend (objects are files under the
 * part's {@code data/} folder), signing with AWS v2 or v4 and the stack's access key. The lake
 * and media buckets are created by the schema step ({@code migrate}), as for any S3 endpoint.
 */
final class S3Part extends Part {

    S3Part(StackSettings settings) {
        super("s3", settings);
    }

    @Override
    Map<Integer, String> ports() {
        return Map.of(settings.s3Port(), "S3-compatible store (TIERFEED_S3_PORT)");
    }

    private Path properties() {
        return dir().resolve("s3proxy.properties");
    }

    @Override
    void prepare() throws IOException {
        super.prepare();
        Files.createDirectories(dir().resolve("data"));
        write(properties(), """
                s3proxy.endpoint=http://127.0.0.1:%d
                s3proxy.authorization=aws-v2-or-v4
                s3proxy.identity=%s
                s3proxy.credential=%s
                jclouds.provider=filesystem
                jclouds.filesystem.basedir=%s
                """.formatted(settings.s3Port(), settings.s3AccessKey(), settings.s3SecretKey(), dir().resolve("data")));
    }

    @Override
    List<String> jvmArguments() {
        return List.of("org.gaul.s3proxy.Main", "--properties", properties().toString());
    }

    @Override
    Map<String, String> environment() {
        // its bundled logback.xml reads these; Jetty logs every connection at INFO
        return Map.of("LOG_LEVEL", "info", "JETTY_LOG_LEVEL", "warn");
    }

    @Override
    String classpath() {
        return moduleClasspath("stack/s3-store");
    }

    @Override
    String heap() {
        return settings.s3Heap();
    }

    @Override
    boolean isReady() {
        return FreePorts.isListening(settings.s3Port());
    }
}
