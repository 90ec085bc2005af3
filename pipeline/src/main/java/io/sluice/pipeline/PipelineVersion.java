package io.sluice.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build of Sluice, written into every decision for auditability. */
public final class PipelineVersion {
    private PipelineVersion() {}

    /** "sluice-&lt;maven version&gt;", read from the filtered resource, or "sluice-dev" when run unpackaged. */
    public static String current() {
        try (InputStream in = PipelineVersion.class.getResourceAsStream("/sluice-version.properties")) {
            if (in == null) {
                return "sluice-dev";
            }
            Properties props = new Properties();
            props.load(in);
            return "sluice-" + props.getProperty("version", "dev");
        } catch (IOException e) {
            return "sluice-dev";
        }
    }
}
