package io.inlet.config.store.jdbc;

import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Brings a store's schema up to date with its database's Flyway migrations. */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    /**
     * Applies the migrations under {@code location} through {@code flyway}, already given its data
     * source. A missing location fails instead of leaving an empty schema behind.
     */
    public static void apply(FluentConfiguration flyway, String location) {
        flyway.locations(location)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
