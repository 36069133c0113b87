package io.cpimage.build;

import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import java.util.List;

/** The layers an extension adds, in order; later layers win where paths overlap. */
record LayerPlan(List<Layer> layers) {

  /** One layer: its name (one concern, so it changes only when that concern does) and entries. */
  record Layer(String name, List<FileEntry> entries, List<String> files) {}
}
