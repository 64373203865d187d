package io.sluice.runtime.cli;

/** Job ids as the client sends them in URL paths. */
final class JobIds {

    private JobIds() {
    }

    /** The id, when it is one (hex digits, as the server makes them): nothing else goes into a URL path. */
    static String check(String id) {
        if (!id.matches("[0-9a-fA-F]{1,64}")) {
            throw new UsageException("not a job id: '" + id + "' (ids are hex digits, see 'sluice list')");
        }
        return id;
    }
}
