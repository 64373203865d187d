package io.sluice.runtime.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The manifest of a checkpoint ({@code _manifest}), written last: a checkpoint exists only if its manifest does
 * and checks out. Two lines of UTF-8: a JSON body, then {@code crc32c=<hex>} of the body's bytes, so a torn or
 * edited manifest is detected.
 *
 * @param format       manifest format version
 * @param jobName      the job
 * @param checkpointId the checkpoint
 * @param savepoint    taken on request
 * @param createdAt    epoch ms
 * @param files        the snapshot files with their sizes and CRC-32C
 */
public record Manifest(int format, String jobName, long checkpointId, boolean savepoint, long createdAt,
                       List<FileEntry> files) {

    public static final int FORMAT = 1;
    public static final String FILE_NAME = "_manifest";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One snapshot file. */
    public record FileEntry(String name, long size, long crc32c) {
    }

    public byte[] toBytes() throws IOException {
        byte[] body = JSON.writeValueAsBytes(this);
        String text = new String(body, StandardCharsets.UTF_8) + "\ncrc32c=" + Long.toHexString(crc(body)) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static Manifest parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        if (nl < 0 || !text.startsWith("crc32c=", nl + 1)) {
            throw new IOException("manifest is truncated");
        }
        String body = text.substring(0, nl);
        String crcText = text.substring(nl + 1 + "crc32c=".length()).trim();
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        long expected;
        try {
            expected = Long.parseUnsignedLong(crcText, 16);
        } catch (NumberFormatException e) {
            throw new IOException("manifest checksum is unreadable");
        }
        if (crc(bodyBytes) != expected) {
            throw new IOException("manifest checksum does not match");
        }
        Map<String, Object> probe = JSON.readValue(bodyBytes, new TypeReference<Map<String, Object>>() { });
        Object format = probe.get("format");
        if (!(format instanceof Integer) || (Integer) format != FORMAT) {
            throw new IOException("manifest format " + format + " is not supported (expected " + FORMAT + ")");
        }
        return JSON.readValue(bodyBytes, Manifest.class);
    }

    static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }
}
