package dev.tollgate.azure.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzuriteLocationTest {

  @Test
  void theRepositoryRootIsTheFolderWithToolsPackageJson(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("tools"));
    Files.writeString(dir.resolve("tools/package.json"), "{}");
    Path deep = Files.createDirectories(dir.resolve("functions/target"));

    assertThat(Azurite.repoRoot(deep)).isEqualTo(dir);
  }

  @Test
  void aMissingAzuriteFailsWithTheCommandToRun(@TempDir Path dir) {
    assertThatThrownBy(() -> Azurite.binary(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("./tollgate test");
  }
}
