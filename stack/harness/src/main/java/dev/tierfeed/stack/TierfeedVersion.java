package dev.tierfeed.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints for every tierfeed command: the version the build wrote into its resources. */
public final class TierfeedVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties version = new Properties();
        try (InputStream in = TierfeedVersion.class.getResourceAsStream("version.properties")) {
            version.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {"tierfeed " + version.getProperty("version")};
    }
}
