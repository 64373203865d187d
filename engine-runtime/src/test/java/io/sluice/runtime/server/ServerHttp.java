package io.sluice.runtime.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for the server tests: raw requests, raw answers. */
record ServerHttp(URI base, String token) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ServerHttp of(JobServer server) {
        return new ServerHttp(URI.create("http://127.0.0.1:" + server.address().getPort()), server.token().value());
    }

    ServerHttp withToken(String other) {
        return new ServerHttp(base, other);
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send(builder(path, headers).GET());
    }

    HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        return send(builder(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(builder(path).DELETE());
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
