package io.cpimage.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DebianPackagesTest {

  /**
   * A removed package whose config files are left stays in dpkg's database but is not in the image;
   * a description's continuation lines are not fields.
   */
  @Test
  void listsOnlyInstalledPackages() {
    String status =
        """
        Package: libc6
        Status: install ok installed
        Architecture: amd64
        Version: 2.41-12
        Description: GNU C Library: Shared libraries
         Package: not-a-field
         .
         more text

        Package: old-tool
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1.0-1

        Package: tzdata
        Status: install ok installed
        Architecture: all
        Version: 2025b-4
        """;

    assertEquals(
        List.of(
            new DebianPackages.Package("libc6", "2.41-12", "amd64"),
            new DebianPackages.Package("tzdata", "2025b-4", "all")),
        DebianPackages.installed(status));
  }

  @Test
  void osReleaseNamesTheDistroQualifier() {
    assertEquals(
        "debian-13",
        OsRelease.parse(
                "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nID=debian\nVERSION_ID=\"13\"\n")
            .distro());
    assertEquals("sid", OsRelease.parse("ID=debian\nVERSION_CODENAME=sid\n").distro());
  }
}
