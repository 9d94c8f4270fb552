package io.inlet.deploy.e2e;

/** Teardown for the end-to-end tests' fixtures. */
final class Resources {

    private Resources() {
    }

    /**
     * Closes each resource that is not null, in the given order (a failed {@code @BeforeAll} may
     * have left some unset).
     */
    static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
