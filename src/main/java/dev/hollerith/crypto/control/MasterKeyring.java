package dev.hollerith.crypto.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The current master key ({@code HOLLERITH_MASTER_KEY}) and the previous ones
 * ({@code HOLLERITH_MASTER_KEY_PREVIOUS}, comma separated) that old data keys may still be wrapped
 * with. Without a configured key, the embedded default generates one into the data directory.
 */
@ApplicationScoped
public class MasterKeyring {

    private static final Logger LOG = Logger.getLogger(MasterKeyring.class.getName());

    @Inject
    @ConfigProperty(name = "hollerith.master.key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "hollerith.master.key.previous")
    Optional<String> previousKeys;

    @Inject
    @ConfigProperty(name = "hollerith.data.dir", defaultValue = "./data")
    String dataDir;

    private MasterKey current;
    private final List<MasterKey> all = new ArrayList<>();

    @PostConstruct
    void load() {
        current = MasterKey.fromBase64(configuredKey.filter(k -> !k.isBlank()).orElseGet(this::keyFile));
        all.add(current);
        for (String previous : previousKeys.orElse("").split(",")) {
            if (!previous.isBlank()) {
                all.add(MasterKey.fromBase64(previous));
            }
        }
        LOG.info(() -> "Master key " + current.id() + " in use; " + (all.size() - 1) + " previous key(s) known");
    }

    private String keyFile() {
        Path file = Path.of(dataDir, "master.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String encoded = Base64.getEncoder().encodeToString(raw);
            Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            LOG.warning("""

                    ************************************************************************
                    * HOLLERITH_MASTER_KEY is not set: generated a new master key in       *
                    * %s
                    * Every stored secret depends on it. Back it up, or set                *
                    * HOLLERITH_MASTER_KEY (base64, 256 bit) in production.                *
                    ************************************************************************""".formatted(file.toAbsolutePath()));
            return encoded;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + file, e);
        }
    }

    public MasterKey current() {
        return current;
    }

    public Optional<MasterKey> byId(String id) {
        return all.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** A key for a purpose other than wrapping (e.g. keyed hashes), derived so the master key is never reused as is. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(current.key().getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
