package io.sluice.runtime.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The dashboard's static pages, served from the class path ({@code dashboard.html}, {@code login.html}). */
final class Dashboard {

    private static final String PAGE = load("dashboard.html");
    private static final String LOGIN = load("login.html");

    private Dashboard() {
    }

    static String page() {
        return PAGE;
    }

    static String loginPage() {
        return LOGIN;
    }

    private static String load(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + Dashboard.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
