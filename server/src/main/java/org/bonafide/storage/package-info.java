/**
 * PostgreSQL wiring. Owns the {@link javax.sql.DataSource}: an embedded PostgreSQL whose data lives
 * in {@code ${bonafide.data-dir}/postgres} and survives restarts when {@code bonafide.db.url} is
 * empty, otherwise a pooled connection to that external PostgreSQL. Flyway migrations live in
 * {@code db/migration} (PostgreSQL dialect only).
 *
 * <p>Entry points: the {@code DataSource} bean, and {@link org.bonafide.storage.DatabaseInfo}, which
 * tells other modules whether the database is the embedded development one,
 * and {@link org.bonafide.storage.DeploymentSecrets}, secrets the deployment generates for itself
 * ({@code deployment_secrets}), and {@link org.bonafide.storage.EvidenceCipher}, which encrypts
 * evidence images at rest.
 */
package org.bonafide.storage;
