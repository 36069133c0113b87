package io.cpimage.pom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PomEditorTest {

  private static final PluginCoordinates PLUGIN =
      new PluginCoordinates("io.cpimage", "cp-image-maven-plugin", "0.1.0");

  private static final ConnectorDeclaration CONNECT_FILE = connectFile("3.9.1");

  @TempDir Path directory;

  private static ConnectorDeclaration connectFile(String version) {
    try {
      return ConnectorDeclaration.of(
          Sources.artifact("org.apache.kafka:connect-file:" + version), List.of());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void addConnector_existingList_appendsAfterLastConnectorKeepingCommentsAndOrder()
      throws Exception {
    Path pom =
        write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <project>
              <modelVersion>4.0.0</modelVersion>
              <build>
                <plugins>
                  <plugin>
                    <groupId>io.cpimage</groupId>
                    <artifactId>cp-image-maven-plugin</artifactId>
                    <version>0.0.9</version>
                    <configuration>
                      <connectors>
                        <!-- the JDBC sink -->
                        <connector>
                          <name>jdbc</name>
                          <file>plugins/jdbc.zip</file>
                        </connector>
                      </connectors>
                      <volumes><volume>/data</volume></volumes>
                    </configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """);

    PomChange edit =
        PomEditor.open(pom, PLUGIN)
            .addConnector(
                CONNECT_FILE.withLibraries(List.of(Sources.library("com.h2database:h2:2.3.232"))));
    edit.write();

    assertEquals(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project>
          <modelVersion>4.0.0</modelVersion>
          <build>
            <plugins>
              <plugin>
                <groupId>io.cpimage</groupId>
                <artifactId>cp-image-maven-plugin</artifactId>
                <version>0.0.9</version>
                <configuration>
                  <connectors>
                    <!-- the JDBC sink -->
                    <connector>
                      <name>jdbc</name>
                      <file>plugins/jdbc.zip</file>
                    </connector>
                    <connector>
                      <name>connect-file</name>
                      <artifact>org.apache.kafka:connect-file:3.9.1</artifact>
                      <libraries>
                        <library>
                          <artifact>com.h2database:h2:2.3.232</artifact>
                        </library>
                      </libraries>
                    </connector>
                  </connectors>
                  <volumes><volume>/data</volume></volumes>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """,
        read(pom));
    assertEquals("Added connector 'connect-file' to " + pom + ".", edit.summary());
  }

  @Test
  void addConnector_noBuild_createsBlocksWithPluginVersionBeforeProfilesAndTheirComment()
      throws Exception {
    Path pom =
        write(
            """
            <project>
                <artifactId>app</artifactId>

                <!-- profiles for CI -->
                <profiles>
                    <profile><id>ci</id></profile>
                </profiles>
            </project>
            """);

    PomEditor.open(pom, PLUGIN).addConnector(CONNECT_FILE).write();

    assertEquals(
        """
        <project>
            <artifactId>app</artifactId>
            <build>
                <plugins>
                    <plugin>
                        <groupId>io.cpimage</groupId>
                        <artifactId>cp-image-maven-plugin</artifactId>
                        <version>0.1.0</version>
                        <configuration>
                            <connectors>
                                <connector>
                                    <name>connect-file</name>
                                    <artifact>org.apache.kafka:connect-file:3.9.1</artifact>
                                </connector>
                            </connectors>
                        </configuration>
                    </plugin>
                </plugins>
            </build>

            <!-- profiles for CI -->
            <profiles>
                <profile><id>ci</id></profile>
            </profiles>
        </project>
        """,
        read(pom));
  }

  @Test
  void addVolume_tabIndentedPom_indentsWithTabs() throws Exception {
    Path pom =
        write(
            "<project>\n"
                + "\t<build>\n"
                + "\t\t<plugins>\n"
                + "\t\t\t<plugin>\n"
                + "\t\t\t\t<groupId>io.cpimage</groupId>\n"
                + "\t\t\t\t<artifactId>cp-image-maven-plugin</artifactId>\n"
                + "\t\t\t\t<configuration/>\n"
                + "\t\t\t</plugin>\n"
                + "\t\t</plugins>\n"
                + "\t</build>\n"
                + "</project>\n");

    PomEditor.open(pom, PLUGIN).addVolume("/var/log/kafka-auth-logs").write();

    assertEquals(
        "<project>\n"
            + "\t<build>\n"
            + "\t\t<plugins>\n"
            + "\t\t\t<plugin>\n"
            + "\t\t\t\t<groupId>io.cpimage</groupId>\n"
            + "\t\t\t\t<artifactId>cp-image-maven-plugin</artifactId>\n"
            + "\t\t\t\t<configuration>\n"
            + "\t\t\t\t\t<volumes>\n"
            + "\t\t\t\t\t\t<volume>/var/log/kafka-auth-logs</volume>\n"
            + "\t\t\t\t\t</volumes>\n"
            + "\t\t\t\t</configuration>\n"
            + "\t\t\t</plugin>\n"
            + "\t\t</plugins>\n"
            + "\t</build>\n"
            + "</project>\n",
        read(pom));
  }

  @Test
  void addVolume_crlfPom_writesCrlfOnly() throws Exception {
    Path pom =
        write(
            "<project>\r\n"
                + "  <build>\r\n"
                + "    <plugins>\r\n"
                + "      <plugin>\r\n"
                + "        <groupId>io.cpimage</groupId>\r\n"
                + "        <artifactId>cp-image-maven-plugin</artifactId>\r\n"
                + "      </plugin>\r\n"
                + "    </plugins>\r\n"
                + "  </build>\r\n"
                + "</project>\r\n");

    PomEditor.open(pom, PLUGIN).addVolume("/data").write();

    assertEquals(
        "<project>\r\n"
            + "  <build>\r\n"
            + "    <plugins>\r\n"
            + "      <plugin>\r\n"
            + "        <groupId>io.cpimage</groupId>\r\n"
            + "        <artifactId>cp-image-maven-plugin</artifactId>\r\n"
            + "        <configuration>\r\n"
            + "          <volumes>\r\n"
            + "            <volume>/data</volume>\r\n"
            + "          </volumes>\r\n"
            + "        </configuration>\r\n"
            + "      </plugin>\r\n"
            + "    </plugins>\r\n"
            + "  </build>\r\n"
            + "</project>\r\n",
        read(pom));
  }

  @Test
  void addVolume_oddIndentation_followsSiblingsAndDetectedUnit() throws Exception {
    Path pom =
        write(
            """
            <project>
               <build>
                  <plugins>
                       <plugin>
                          <groupId>io.cpimage</groupId>
                          <artifactId>cp-image-maven-plugin</artifactId>
                       </plugin>
                  </plugins>
               </build>
            </project>
            """);

    PomEditor.open(pom, PLUGIN).addVolume("/data").write();

    assertEquals(
        """
        <project>
           <build>
              <plugins>
                   <plugin>
                      <groupId>io.cpimage</groupId>
                      <artifactId>cp-image-maven-plugin</artifactId>
                      <configuration>
                         <volumes>
                            <volume>/data</volume>
                         </volumes>
                      </configuration>
                   </plugin>
              </plugins>
           </build>
        </project>
        """,
        read(pom));
  }

  @Test
  void addConnector_secondRun_changesNothingAndSaysSo() throws Exception {
    Path pom = write("<project>\n  <artifactId>app</artifactId>\n</project>\n");
    ConnectorDeclaration withLibrary =
        CONNECT_FILE.withLibraries(List.of(Sources.library("g:driver:1")));
    PomEditor.open(pom, PLUGIN).addConnector(withLibrary).write();
    byte[] afterFirstRun = Files.readAllBytes(pom);

    PomChange second = PomEditor.open(pom, PLUGIN).addConnector(withLibrary);
    second.write();

    assertFalse(second.changed());
    assertEquals("", second.unifiedDiff());
    assertTrue(second.summary().contains("'connect-file' is already declared"), second.summary());
    assertTrue(second.summary().endsWith("nothing changed."), second.summary());
    assertArrayEquals(afterFirstRun, Files.readAllBytes(pom));
  }

  @Test
  void addConnector_existingDeclarationWithEntitiesAndDefaultName_isRecognised() throws Exception {
    Path pom =
        write(
            """
            <project>
              <build>
                <plugins>
                  <plugin>
                    <groupId>io.cpimage</groupId>
                    <artifactId>cp-image-maven-plugin</artifactId>
                    <configuration>
                      <connectors>
                        <connector>
                          <url>https://example.org/get?f=jdbc-10.7.4.zip&amp;v=1</url>
                          <sha256>%s</sha256>
                        </connector>
                      </connectors>
                    </configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """
                .formatted("AB".repeat(32)));
    ConnectorDeclaration sameDownload =
        ConnectorDeclaration.of(
            Sources.download(
                "https://example.org/get?f=jdbc-10.7.4.zip&v=1", "sha256", "ab".repeat(32), false),
            List.of());

    PomChange edit = PomEditor.open(pom, PLUGIN).addConnector(sameDownload);

    assertFalse(edit.changed(), edit.summary());
  }

  @Test
  void addConnector_sameNameDifferentSource_isRefusedAndPomUntouched() throws Exception {
    Path pom = write("<project>\n  <artifactId>app</artifactId>\n</project>\n");
    PomEditor.open(pom, PLUGIN).addConnector(CONNECT_FILE).write();
    byte[] before = Files.readAllBytes(pom);
    ConnectorDeclaration otherVersion = connectFile("3.8.0");

    PomEditException refused =
        assertThrows(
            PomEditException.class, () -> PomEditor.open(pom, PLUGIN).addConnector(otherVersion));

    assertTrue(
        refused.getMessage().contains("A different connector named 'connect-file'"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("at line 11"), refused.getMessage());
    assertTrue(refused.getMessage().contains("-Dname="), refused.getMessage());
    assertArrayEquals(before, Files.readAllBytes(pom));
  }

  @Test
  void open_malformedPom_isRefusedWithLineAndColumnAndLeftByteIdentical() throws Exception {
    String broken = "<project>\n  <build>\n    <plugins>\n  </build>\n</project>\n";
    Path pom = write(broken);

    PomEditException refused =
        assertThrows(PomEditException.class, () -> PomEditor.open(pom, PLUGIN));

    assertTrue(
        refused.getMessage().contains("is not well-formed XML at line 4, column"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("plugins"), refused.getMessage());
    assertTrue(refused.getMessage().endsWith("it was not changed."), refused.getMessage());
    assertEquals(broken, read(pom));
  }

  @Test
  void open_undefinedEntity_isRefused() throws Exception {
    Path pom = write("<project>\n  <name>a &nbsp; b</name>\n</project>\n");

    PomEditException refused =
        assertThrows(PomEditException.class, () -> PomEditor.open(pom, PLUGIN));

    assertTrue(refused.getMessage().contains("line 2"), refused.getMessage());
  }

  @Test
  void unifiedDiff_showsTheAdditionWithoutWriting() throws Exception {
    String original = "<project>\n  <artifactId>app</artifactId>\n</project>\n";
    Path pom = write(original);

    PomChange edit = PomEditor.open(pom, PLUGIN).addVolume("/data");

    assertEquals(
        """
        --- a/pom.xml
        +++ b/pom.xml
        @@ -1,3 +1,17 @@
         <project>
           <artifactId>app</artifactId>
        +  <build>
        +    <plugins>
        +      <plugin>
        +        <groupId>io.cpimage</groupId>
        +        <artifactId>cp-image-maven-plugin</artifactId>
        +        <version>0.1.0</version>
        +        <configuration>
        +          <volumes>
        +            <volume>/data</volume>
        +          </volumes>
        +        </configuration>
        +      </plugin>
        +    </plugins>
        +  </build>
         </project>
        """,
        edit.unifiedDiff());
    assertEquals(original, read(pom));
  }

  @Test
  void addVolume_relativeOrDeclaredPath_isRefused() throws Exception {
    Path pom = write("<project>\n  <artifactId>app</artifactId>\n</project>\n");
    PomEditor.open(pom, PLUGIN).addVolume("/var/log/auth").write();
    byte[] before = Files.readAllBytes(pom);

    PomEditException relative =
        assertThrows(
            PomEditException.class, () -> PomEditor.open(pom, PLUGIN).addVolume("var/log"));
    PomEditException declared =
        assertThrows(
            PomEditException.class, () -> PomEditor.open(pom, PLUGIN).addVolume("/var//log/auth/"));
    PomEditException dotDot =
        assertThrows(
            PomEditException.class, () -> PomEditor.open(pom, PLUGIN).addVolume("/var/../etc"));

    assertTrue(relative.getMessage().contains("'var/log' is not absolute"), relative.getMessage());
    assertTrue(
        declared.getMessage().contains("/var/log/auth is already declared"), declared.getMessage());
    assertTrue(dotDot.getMessage().contains("'..'"), dotDot.getMessage());
    assertArrayEquals(before, Files.readAllBytes(pom));
  }

  @Test
  void write_keepsByteOrderMarkAndLeavesNoTempFile() throws Exception {
    Path pom = directory.resolve("pom.xml");
    Files.write(
        pom,
        ("\uFEFF<project>\n  <artifactId>app</artifactId>\n</project>\n")
            .getBytes(StandardCharsets.UTF_8));

    PomEditor.open(pom, PLUGIN).addVolume("/data").write();

    assertTrue(read(pom).startsWith("\uFEFF<project>\n  <artifactId>app</artifactId>\n  <build>"));
    try (var files = Files.list(directory)) {
      assertEquals(List.of(pom), files.toList());
    }
  }

  @Test
  void addVolume_parentWrittenOnOneLine_staysOnOneLine() throws Exception {
    Path pom =
        write(
            """
            <project>
              <build>
                <plugins>
                  <plugin>
                    <groupId>io.cpimage</groupId>
                    <artifactId>cp-image-maven-plugin</artifactId>
                    <configuration><volumes><volume>/a</volume></volumes></configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """);

    PomEditor.open(pom, PLUGIN).addVolume("/b").write();

    assertTrue(
        read(pom)
            .contains(
                "<configuration><volumes><volume>/a</volume><volume>/b</volume></volumes>"
                    + "</configuration>"),
        read(pom));
  }

  @Test
  void open_notAPom_isRefused() throws Exception {
    Path pom = write("<settings/>\n");

    PomEditException refused =
        assertThrows(PomEditException.class, () -> PomEditor.open(pom, PLUGIN));

    assertTrue(refused.getMessage().contains("is not a Maven pom"), refused.getMessage());
  }

  private Path write(String text) throws IOException {
    Path pom = directory.resolve("pom.xml");
    Files.writeString(pom, text);
    return pom;
  }

  private static String read(Path pom) throws IOException {
    return Files.readString(pom);
  }
}
