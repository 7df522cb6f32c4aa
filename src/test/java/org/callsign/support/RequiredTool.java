package org.callsign.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test needs from the machine. Missing, it skips the test with a message on a
 * developer's machine, and fails it under {@code CI=true}, where `.ci/run` installs it.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    public static Path require(String path, String debianPackage) {
        Path tool = Path.of(path);
        if (!Files.isExecutable(tool)) {
            String message = path + " is missing; install it with `apt-get install " + debianPackage + "`";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " (CI=true: the tests that need it must run)");
            }
            Assumptions.abort(message + "; skipping the tests that need it");
        }
        return tool;
    }
}
