package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec's text for the fingerprint: the same for equal specs whatever resolver object they
 * carry, different for any nested value, and never holding a password.
 */
class SpecTextTest {
  @TempDir Path temp;

  private ImageSpec.Builder builder(String location) throws Exception {
    return ImageSpec.builder(
            ImageLocation.parse(location, "<from><image>", temp),
            ImageLocation.parse("docker://test/out:1", "<to><image>", temp),
            temp.resolve("work"))
        .artifactResolver((coordinates, transitive, where) -> List.of());
  }

  @Test
  void equalSpecsReadAlikeAndEveryNestedValueCounts() throws Exception {
    String base = "tar://" + temp.resolve("base.tar");
    ImageSpec spec = builder(base).labels(Map.of("a", "1")).build();
    assertEquals(SpecText.of(spec), SpecText.of(builder(base).labels(Map.of("a", "1")).build()));
    assertTrue(SpecText.of(spec).contains("resolver"), SpecText.of(spec));

    List<ImageSpec> others =
        List.of(
            builder(base).labels(Map.of("a", "2")).build(),
            builder("docker://other:1").labels(Map.of("a", "1")).build(),
            builder(base).labels(Map.of("a", "1")).tags(List.of("latest")).build(),
            builder(base)
                .labels(Map.of("a", "1"))
                .jvm(new ImageSpec.JvmSpec("-Xmx1g", null, null, null))
                .build(),
            builder(base).labels(Map.of("a", "1")).pluginPath("/plugins").build());
    for (ImageSpec other : others) {
      assertNotEquals(SpecText.of(spec), SpecText.of(other));
    }
  }

  @Test
  void aCredentialShowsWhereItCameFromNotItsSecret() throws Exception {
    ImageLocation registry =
        ImageLocation.parse("registry.invalid/base:1", "<from><image>", temp)
            .withRegistryAccess(
                List.of(new CredentialSource.Known("user", "s3cret", "<from><auth>")), false);
    String text =
        SpecText.of(
            ImageSpec.builder(
                    registry,
                    ImageLocation.parse("docker://test/out:1", "<to><image>", temp),
                    temp.resolve("work"))
                .build());
    assertFalse(text.contains("s3cret"), text);
  }
}
