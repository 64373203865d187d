package io.sluice.runtime.cli;

import io.sluice.runtime.server.ServerToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a client command finds the server (design.md §4): {@code --server URL} (default {@code $SLUICE_SERVER},
 * else http://127.0.0.1:8081) and the token: {@code --token}, else {@code $SLUICE_TOKEN}, else the file
 * {@code --token-file} (default: the token file of the default state directory, for a server of the same
 * user on the same machine).
 */
final class ClientOptions {

    @Option(names = "--server", paramLabel = "URL",
            description = "The server (default: $SLUICE_SERVER or http://127.0.0.1:8081).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The API token (default: $SLUICE_TOKEN, else --token-file). Visible to other local users in the process list: prefer SLUICE_TOKEN.")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the token (default: <state-dir>/token of $SLUICE_STATE_DIR or ~/.sluice).")
    Path tokenFile;

    ServerClient client() {
        String url = server != null ? server : env("SLUICE_SERVER", "http://127.0.0.1:8081");
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--server: not a URL: " + url);
        }
        if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
                || base.getHost() == null) {
            throw new UsageException("--server must be an http:// or https:// URL, got '" + url + "'");
        }
        return new ServerClient(base, resolveToken());
    }

    private String resolveToken() {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String env = System.getenv("SLUICE_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        Path file = tokenFile != null ? tokenFile : StateDirs.defaultStateDir().resolve(ServerToken.FILE);
        if (Files.isReadable(file)) {
            try {
                return ServerToken.read(file);
            } catch (IOException e) {
                throw new UsageException("cannot read the token from " + file + ": " + e.getMessage());
            }
        }
        if (tokenFile != null) {
            throw new UsageException("--token-file: cannot read " + tokenFile);
        }
        return null; // the server answers 401, which says how to fix it
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
