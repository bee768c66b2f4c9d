package org.bonafide.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageConfigurationTest {
  @Test
  void describesAnExternalDatabaseWithoutItsQueryWhichMayHoldAPassword() {
    assertThat(StorageConfiguration.withoutQuery("jdbc:postgresql://db:5432/bonafide?user=u&password=secret"))
        .isEqualTo("jdbc:postgresql://db:5432/bonafide");
    assertThat(StorageConfiguration.withoutQuery("jdbc:postgresql://db/bonafide"))
        .isEqualTo("jdbc:postgresql://db/bonafide");
  }

  @Test
  void keepsTheEmbeddedDatabaseInThePostgresFolderOfTheDataDir() {
    StorageProperties properties = new StorageProperties(Path.of("/srv/bonafide"), null);
    assertThat(properties.postgresDirectory()).isEqualTo(Path.of("/srv/bonafide/postgres"));
    assertThat(properties.db().external()).isFalse();
    assertThat(new StorageProperties(null, null).dataDir()).isEqualTo(Path.of("data"));
  }

  @Test
  void refusesAnExternalDatabaseThatIsNotPostgres() {
    StorageProperties properties =
        new StorageProperties(Path.of("data"), new StorageProperties.Db("jdbc:mysql://db/bonafide", "u", "p", 0));
    assertThatIllegalStateException()
        .isThrownBy(() -> new StorageConfiguration().externalDataSource(properties))
        .withMessageContaining("PostgreSQL");
  }

  @Test
  void neverPrintsTheDatabasePassword() {
    StorageProperties.Db db = new StorageProperties.Db("jdbc:postgresql://db/x", "app", "s3cret", 0);
    assertThat(db.external()).isTrue();
    assertThat(db.toString()).doesNotContain("s3cret");
  }
}
