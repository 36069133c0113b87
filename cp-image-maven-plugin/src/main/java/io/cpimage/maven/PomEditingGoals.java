package io.cpimage.maven;

import io.cpimage.pom.PluginCoordinates;
import io.cpimage.pom.PomChange;
import io.cpimage.pom.PomEditException;
import io.cpimage.pom.PomEditor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** What add-connector and add-volume share: which plugin they configure and how an edit ends. */
final class PomEditingGoals {

  private PomEditingGoals() {}

  /**
   * Whether the goal edits this project's pom: only the pom Maven was started on is edited, so a
   * run in a reactor's root does not add the same declaration to every module.
   */
  static boolean editsThisProject(MavenProject project, Log log) {
    if (!project.isExecutionRoot()) {
      log.info(
          "Skipping "
              + project.getArtifactId()
              + ": only the pom Maven runs on is edited (use -f path/to/pom.xml for a module's).");
    }
    return project.isExecutionRoot();
  }

  /** Opens the project's pom for edits declaring this plugin; a malformed pom fails here. */
  static PomEditor open(MavenProject project, PluginDescriptor plugin) throws PomEditException {
    return PomEditor.open(
        project.getFile().toPath(),
        new PluginCoordinates(plugin.getGroupId(), plugin.getArtifactId(), plugin.getVersion()));
  }

  /** Writes the edit, or with {@code dryRun} prints it as a unified diff and writes nothing. */
  static void finish(PomChange edit, boolean dryRun, Log log) throws PomEditException {
    if (!edit.changed()) {
      log.info(edit.summary());
      return;
    }
    if (dryRun) {
      log.info("Dry run (-DdryRun): the pom was not changed. The edit would be:");
      log.info(System.lineSeparator() + edit.unifiedDiff());
      return;
    }
    edit.write();
    log.info(edit.summary());
  }
}
