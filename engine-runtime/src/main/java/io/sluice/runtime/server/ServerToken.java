package io.sluice.runtime.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The secret every API call but {@code GET /health} must present ({@code Authorization: Bearer <token>}).
 * Generated on the server's first start (32 bytes of {@link SecureRandom}, hex) into {@code <state-dir>/token},
 * a file only its owner may read or write ({@code rw-------}, created that way, never widened), and read
 * from there on later starts. Compared in constant time.
 */
public final class ServerToken {

    /** The file name in the state directory. */
    public static final String FILE = "token";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final byte[] token;
    private final boolean created;

    private ServerToken(String token, boolean created) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.created = created;
    }

    /** Reads the token of {@code stateDir}, or creates it when there is none. */
    public static ServerToken loadOrCreate(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (Files.exists(file)) {
            return new ServerToken(read(file), false);
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Path temp = stateDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            throw new IOException("the state directory's file system cannot keep the token private (no POSIX permissions)");
        }
        Files.writeString(temp, token + "\n");
        try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temp);
            return new ServerToken(read(file), false); // another server created it at the same moment
        }
        return new ServerToken(token, true);
    }

    /** The token stored in a state directory's token file (for clients on the same machine). */
    public static String read(Path file) throws IOException {
        String token = Files.readString(file).strip();
        if (token.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return token;
    }

    /** Whether this start created the token (so it is printed, once). */
    public boolean created() {
        return created;
    }

    /** The token itself: only for printing it once on first start. */
    public String value() {
        return new String(token, StandardCharsets.US_ASCII);
    }

    /** Whether {@code presented} is the token, in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether an {@code Authorization} header value carries the token as a bearer token. */
    public boolean matchesBearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return matches(authorization.substring(7).strip());
    }
}
