package io.cpimage.maven;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.Checksum;
import io.cpimage.artifact.DownloadCache;
import io.cpimage.artifact.UrlDownloader;
import io.cpimage.connector.ConnectorPipeline;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.connector.NotAConnectorException;
import io.cpimage.connector.SourceChoice;
import io.cpimage.pom.ConnectorDeclaration;
import io.cpimage.pom.PomChange;
import io.cpimage.pom.PomEditor;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * Declares a connector in this project's pom, e.g. {@code mvn cp-image:add-connector
 * -Dartifact=io.debezium:debezium-connector-postgres:3.1.0.Final:plugin:tar.gz}. The connector is
 * resolved or downloaded and checked to hold a Kafka Connect plugin class before the pom is
 * touched; the pom keeps its formatting, and a second run changes nothing.
 */
@Mojo(name = "add-connector", requiresProject = true, threadSafe = true)
public class AddConnectorMojo extends AbstractMojo {
  private static final String GOAL = "add-connector";

  /** Maven coordinates {@code groupId:artifactId:version[:classifier[:type]]}. */
  @Parameter(property = "artifact")
  private String artifact;

  /** An https URL of a connector jar or archive (zip, tar.gz, tgz). */
  @Parameter(property = "url")
  private String url;

  /** The URL's SHA-256; without it (or -Dsha512) the download is trusted on first use. */
  @Parameter(property = "sha256")
  private String sha256;

  /** The URL's SHA-512. */
  @Parameter(property = "sha512")
  private String sha512;

  /** Accept a plain http URL; written to the declaration as insecure = true. */
  @Parameter(property = "insecure", defaultValue = "false")
  private boolean insecure;

  /** A local connector jar or archive. */
  @Parameter(property = "file")
  private File file;

  /** The connector's directory name; default: the artifactId, or the file name without version. */
  @Parameter(property = "name")
  private String name;

  /**
   * Maven coordinates of libraries to put inside the connector's directory (e.g. a JDBC driver);
   * several are separated by commas.
   */
  @Parameter(property = "library")
  private List<String> libraries = new ArrayList<>();

  /**
   * A connector carrying jars the Connect worker provides fails the goal (the pom unchanged); false
   * declares it with a warning. The pom's plugin-level strictPlugins applies, as to the build.
   * -Dcp-image.strictPlugins.
   */
  @Parameter(property = PropertyNames.STRICT_PLUGINS, defaultValue = "true")
  private boolean strictPlugins = true;

  /** Print the edit as a unified diff instead of writing the pom. */
  @Parameter(property = "dryRun", defaultValue = "false")
  private boolean dryRun;

  /** The project whose pom is edited. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The Maven session (offline mode, the local repository and its download cache). */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  /** This plugin, whose configuration in the pom is edited. */
  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  private final RepositorySystem repositorySystem;

  @Inject
  public AddConnectorMojo(RepositorySystem repositorySystem) {
    this.repositorySystem = repositorySystem;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (!PomEditingGoals.editsThisProject(project, getLog())) {
      return;
    }
    try {
      // Opening checks the pom first, so a broken pom fails before any download.
      PomEditor editor = PomEditingGoals.open(project, plugin);
      ConnectorFetcher fetcher =
          new ConnectorFetcher(
              new MavenArtifacts(
                  repositorySystem,
                  session.getRepositorySession(),
                  project.getRemoteProjectRepositories()),
              downloader(),
              project.getBasedir().toPath());
      ConnectorFetcher.Fetched connector = fetchConnector(fetcher);
      List<ConnectorSource> libraryDeclarations = new ArrayList<>();
      List<Path> libraryFiles = new ArrayList<>();
      for (String library : libraries) {
        ConnectorFetcher.Fetched fetched = fetcher.library(library);
        libraryDeclarations.add(fetched.source());
        libraryFiles.add(fetched.file());
      }
      ConnectorDeclaration declaration =
          ConnectorDeclaration.of(connector.source(), libraryDeclarations);
      if (name != null && !name.isBlank()) {
        declaration = declaration.withName(name.trim());
      }
      ConnectorPipeline.CheckedConnector checked =
          ConnectorPipeline.check(
              name != null && !name.isBlank() ? name.trim() : connector.source().defaultName(),
              connector.file(),
              connector.source(),
              libraryFiles,
              connector.where());
      getLog()
          .info(
              connector.file().getFileName()
                  + " holds Connect plugins: "
                  + checked.pluginClasses());
      checkPluginIsolation(checked.isolationProblems());
      PomChange edit = editor.addConnector(declaration);
      if (connector.trustedOnFirstUse() && edit.changed()) {
        getLog()
            .warn(
                "No -Dsha256 or -Dsha512 given: the file downloaded from "
                    + url
                    + " is trusted on first use; its SHA-256 is written to the pom. Compare it"
                    + " with the value the publisher gives.");
      }
      PomEditingGoals.finish(edit, dryRun, getLog());
    } catch (NotAConnectorException e) {
      throw Failures.badInput(GOAL, e.getMessage() + " The pom was not changed.");
    } catch (IllegalArgumentException e) {
      throw Failures.badInput(GOAL, e);
    } catch (Exception e) {
      Failures.rethrow(GOAL, e);
    }
  }

  /**
   * Fails on the connector's plugin isolation problems before the pom is touched, as the build
   * would; with {@code <strictPlugins>false</strictPlugins>} logs each as a warning.
   */
  private void checkPluginIsolation(List<String> problems) throws MojoFailureException {
    if (problems.isEmpty()) {
      return;
    }
    if (strictPlugins) {
      throw Failures.badInput(
          GOAL,
          "the connector would not load as declared ("
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + "):\n  "
              + String.join("\n  ", problems)
              + "\nFix them, or set <strictPlugins>false</strictPlugins> (-D"
              + PropertyNames.STRICT_PLUGINS
              + "=false) to declare it with warnings. The pom was not changed.");
    }
    for (String problem : problems) {
      getLog().warn(problem + " (a warning: <strictPlugins>false</strictPlugins>)");
    }
  }

  /**
   * The build goal's default download cache, so that a pinned download made here is not fetched
   * again by the build; offline with {@code -o}.
   */
  private UrlDownloader downloader() {
    UrlDownloader downloader =
        new UrlDownloader(
            DownloadCache.inLocalRepository(
                    session.getRepositorySession().getLocalRepository().getBasedir().toPath())
                .directory());
    return session.isOffline() ? downloader.offline() : downloader;
  }

  private ConnectorFetcher.Fetched fetchConnector(ConnectorFetcher fetcher)
      throws ArtifactException, MojoFailureException {
    SourceChoice.requireExactlyOne(
        "the connector",
        (artifact != null ? 1 : 0) + (url != null ? 1 : 0) + (file != null ? 1 : 0),
        "-Dartifact=groupId:artifactId:version[:classifier[:type]], -Durl=https://... or"
            + " -Dfile=path/to/connector.jar");
    if ((sha256 != null || sha512 != null) && url == null) {
      throw Failures.badInput(GOAL, "-Dsha256 and -Dsha512 pin a -Durl download; add -Durl.");
    }
    if (artifact != null) {
      return fetcher.artifact(artifact);
    }
    if (file != null) {
      return fetcher.file(file.toPath());
    }
    Checksum checksum =
        SourceChoice.checksum(sha256, sha512, "-Durl=" + url, SourceChoice.Spelling.PROPERTY);
    return fetcher.url(url, checksum, insecure);
  }
}
