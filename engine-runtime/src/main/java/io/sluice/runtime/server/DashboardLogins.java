package io.sluice.runtime.server;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a browser gets into the dashboard without ever seeing the API token: a client that has the token asks
 * for a one-time login code ({@code POST /dashboard/logins}, {@code sluice dashboard} does that and prints the
 * URL); opening {@code /dashboard/login?code=...} once, within a minute, exchanges the code for a session
 * cookie ({@code HttpOnly; SameSite=Strict}) that lets the browser read, never change: the session only
 * authorizes GET requests, so another site cannot make the browser submit or cancel jobs.
 */
final class DashboardLogins {

    static final String COOKIE = "sluice_session";
    private static final Duration CODE_TTL = Duration.ofSeconds(60);
    private static final Duration SESSION_TTL = Duration.ofHours(12);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> codes = new ConcurrentHashMap<>();
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();

    /** A new one-time login code. */
    String newCode() {
        String code = randomHex();
        codes.put(code, System.nanoTime() + CODE_TTL.toNanos());
        return code;
    }

    /** Exchanges a code for a session id, or {@code null} when the code is unknown, used or expired. */
    String exchange(String code) {
        if (code == null) {
            return null;
        }
        Long expires = codes.remove(code);
        if (expires == null || System.nanoTime() - expires > 0) {
            return null;
        }
        String session = randomHex();
        sessions.put(session, System.nanoTime() + SESSION_TTL.toNanos());
        purge();
        return session;
    }

    /** Whether a {@code Cookie} header carries a live session. */
    boolean hasSession(String cookieHeader) {
        if (cookieHeader == null) {
            return false;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) {
                Long expires = sessions.get(p.substring(COOKIE.length() + 1));
                if (expires != null && System.nanoTime() - expires < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    static String cookie(String session) {
        return COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + SESSION_TTL.toSeconds();
    }

    private void purge() {
        long now = System.nanoTime();
        for (Map<String, Long> m : java.util.List.of(codes, sessions)) {
            for (Iterator<Long> it = m.values().iterator(); it.hasNext(); ) {
                if (now - it.next() > 0) {
                    it.remove();
                }
            }
        }
    }

    private String randomHex() {
        byte[] bytes = new byte[32];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return HexFormat.of().formatHex(bytes);
    }
}
