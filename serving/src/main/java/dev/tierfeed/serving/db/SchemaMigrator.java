package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned CQL schema ({@code schema/V1.cql}, {@code V2.cql}, … on the classpath)
 * to the keyspace, each version once, recording it with a checksum in {@code schema_migrations}.
 * An applied file that has changed since is refused rather than silently skipped. Statements use
 * {@code IF NOT EXISTS}, so two migrators racing each other do no harm.
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final CqlSession session;
    private final String keyspace;

    public SchemaMigrator(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
    }

    /** Creates the keyspace if needed and applies every pending version; returns how many. */
    public int migrate(int replicationFactor) {
        // a schema change is never sent again to another coordinator (Cql): two attempts could disagree
        session.execute(Cql.statement("CREATE KEYSPACE IF NOT EXISTS " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}"));
        session.execute(Cql.statement("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations ("
                + "version int PRIMARY KEY, checksum text, applied_at timestamp)"));
        int applied = 0;
        for (int version = 1; ; version++) {
            Optional<String> script = script(version);
            if (script.isEmpty()) {
                break;
            }
            String checksum = sha256(script.get());
            Row recorded = session.execute(Cql.statement(
                    "SELECT checksum FROM " + keyspace + ".schema_migrations WHERE version = ?", version)).one();
            if (recorded != null) {
                if (!checksum.equals(recorded.getString("checksum"))) {
                    throw new IllegalStateException("schema V" + version + ".cql has changed since it was applied; add a new version instead");
                }
                continue;
            }
            for (String statement : statements(script.get())) {
                session.execute(Cql.statement(statement).setKeyspace(keyspace));
            }
            session.execute(Cql.statement(
                    "INSERT INTO " + keyspace + ".schema_migrations (version, checksum, applied_at) VALUES (?, ?, ?)",
                    version, checksum, Instant.now()));
            LOG.info("applied schema V{}", version);
            applied++;
        }
        session.checkSchemaAgreement();
        return applied;
    }

    private static Optional<String> script(int version) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream("/schema/V" + version + ".cql")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script into statements: comments dropped, split at a semicolon ending a line. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("schema script ends without a semicolon: " + current);
        }
        return statements;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
