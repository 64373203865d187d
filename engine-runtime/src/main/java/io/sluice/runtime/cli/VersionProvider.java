package io.sluice.runtime.cli;

import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code sluice --version}: the engine version from the Maven metadata packed into the jar, and the JVM it
 * runs on. A build from the IDE or {@code target/classes} has no metadata and says so.
 */
final class VersionProvider implements IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/io.sluice/engine-runtime/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
                "sluice " + engineVersion(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }

    static String engineVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (Exception e) {
            // fall through: a version is nice to have, never a reason to fail
        }
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "(development build)";
    }
}
