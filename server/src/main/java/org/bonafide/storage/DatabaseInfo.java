package org.bonafide.storage;

/**
 * Where the service keeps its data.
 *
 * @param embedded true for the embedded PostgreSQL this process started (development and
 *     single-node installs), false for an external PostgreSQL given by {@code bonafide.db.url}
 * @param location the embedded data directory, or the external JDBC URL without credentials
 */
public record DatabaseInfo(boolean embedded, String location) {}
