package org.bonafide.storage;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Chooses the database: embedded unless {@code bonafide.db.url} is set. Either way the service gets
 * one pooled {@link javax.sql.DataSource}, so Flyway and the modules see no difference.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {
  static final String URL_PROPERTY = "bonafide.db.url";

  @Bean
  @Conditional(EmbeddedDatabase.class)
  EmbeddedPostgresServer embeddedPostgresServer(StorageProperties properties) {
    return EmbeddedPostgresServer.start(properties.postgresDirectory(), properties.db().embeddedPort());
  }

  /** Depends on the server bean, so Spring closes this pool before it stops the server. */
  @Bean
  @Conditional(EmbeddedDatabase.class)
  @ConfigurationProperties("bonafide.db.pool")
  HikariDataSource embeddedDataSource(EmbeddedPostgresServer server) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("bonafide-embedded");
    dataSource.setJdbcUrl(server.jdbcUrl());
    return dataSource;
  }

  @Bean
  @Conditional(EmbeddedDatabase.class)
  DatabaseInfo embeddedDatabaseInfo(EmbeddedPostgresServer server) {
    return new DatabaseInfo(true, server.dataDirectory().toString());
  }

  @Bean
  @Conditional(ExternalDatabase.class)
  @ConfigurationProperties("bonafide.db.pool")
  HikariDataSource externalDataSource(StorageProperties properties) {
    String url = properties.db().url().strip();
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException(
          "BONAFIDE_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/database);"
              + " Bonafide supports PostgreSQL 14+ only.");
    }
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("bonafide");
    dataSource.setJdbcUrl(url);
    dataSource.setUsername(blankToNull(properties.db().user()));
    dataSource.setPassword(blankToNull(properties.db().password()));
    return dataSource;
  }

  @Bean
  @Conditional(ExternalDatabase.class)
  DatabaseInfo externalDatabaseInfo(StorageProperties properties) {
    return new DatabaseInfo(false, withoutQuery(properties.db().url().strip()));
  }

  /** The URL without its query, which may carry a password. */
  static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static final class EmbeddedDatabase implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty(URL_PROPERTY);
      return url == null || url.isBlank();
    }
  }

  static final class ExternalDatabase implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !new EmbeddedDatabase().matches(context, metadata);
    }
  }
}
