package io.cpimage.pom;

import de.pdark.decentxml.Document;
import de.pdark.decentxml.Element;
import de.pdark.decentxml.XMLParseException;
import de.pdark.decentxml.XMLParser;
import io.cpimage.connector.ConnectorSource;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Adds connector and volume declarations to the cp-image plugin's {@code <configuration>} in a pom,
 * creating {@code <build><plugins><plugin>}, {@code <configuration>}, {@code <connectors>} or
 * {@code <volumes>} when absent. Everything else in the file (formatting, comments, order, line
 * separators) stays byte for byte as it was.
 */
public final class PomEditor {

  /** Elements that follow {@code <build>} in Maven's conventional pom order. */
  private static final Set<String> AFTER_BUILD = Set.of("reporting", "profiles");

  /** Reads single elements back to resolve entities; no DTD is needed for that. */
  private static final XMLInputFactory VALUE_READERS = newValueReaders();

  private final PomFile file;
  private final PluginCoordinates plugin;
  private final Document document;
  private final Layout layout;

  private PomEditor(PomFile file, PluginCoordinates plugin, Document document) {
    this.file = file;
    this.plugin = plugin;
    this.document = document;
    this.layout = Layout.of(file.xml(), document);
  }

  /**
   * Reads a pom for editing; refuses one that is not well-formed (naming line and column) or is not
   * a Maven pom. Nothing is written until {@link PomChange#write()}.
   */
  public static PomEditor open(Path pom, PluginCoordinates plugin) throws PomEditException {
    PomFile file = PomFile.read(pom);
    Document document;
    try {
      document = XMLParser.parse(file.xml());
    } catch (XMLParseException e) {
      throw new PomEditException(pom + " cannot be edited: " + e.getMessage(), e);
    }
    Element root = document.getRootElement();
    if (root == null || !root.getName().equals("project")) {
      throw new PomEditException(
          pom + " is not a Maven pom: its root element is not <project>. It was not changed.");
    }
    return new PomEditor(file, plugin, document);
  }

  /**
   * Adds a {@code <connector>}. Unchanged when an equal connector is declared already; refused when
   * a different connector has the same name.
   */
  public PomChange addConnector(ConnectorDeclaration connector) throws PomEditException {
    Optional<Element> configuration = findConfiguration();
    if (configuration.isPresent()) {
      for (Element existing : children(configuration.get(), "connectors", "connector")) {
        Optional<ConnectorDeclaration> declared = readConnector(existing);
        if (declared.isEmpty() || !declared.get().name().equals(connector.name())) {
          continue;
        }
        if (declared.get().equals(connector)) {
          return unchanged(
              "Connector '"
                  + connector.name()
                  + "' is already declared in "
                  + file.path()
                  + " at line "
                  + lineOf(existing)
                  + "; nothing changed.");
        }
        throw new PomEditException(
            "A different connector named '"
                + connector.name()
                + "' is already declared in "
                + file.path()
                + " at line "
                + lineOf(existing)
                + ". Give the new one another name with -Dname=..., or edit or remove the existing"
                + " declaration. The pom was not changed.");
      }
    }
    Element connectors = child(ensureConfiguration(), "connectors");
    Element element = layout.append(connectors, new Element("connector"));
    appendText(element, "name", connector.name());
    appendSource(element, connector.source());
    if (!connector.libraries().isEmpty()) {
      Element libraries = layout.append(element, new Element("libraries"));
      for (ConnectorSource library : connector.libraries()) {
        appendSource(layout.append(libraries, new Element("library")), library);
      }
    }
    return changed("Added connector '" + connector.name() + "' to " + file.path() + ".");
  }

  /**
   * Adds a {@code <volume>}; refuses a path that is not absolute and normalized, or one that is
   * declared already.
   */
  public PomChange addVolume(String path) throws PomEditException {
    String volume = VolumePaths.normalize(path);
    Optional<Element> configuration = findConfiguration();
    if (configuration.isPresent()) {
      for (Element existing : children(configuration.get(), "volumes", "volume")) {
        if (VolumePaths.sameVolume(textOf(existing), volume)) {
          throw new PomEditException(
              "Volume "
                  + volume
                  + " is already declared in "
                  + file.path()
                  + " at line "
                  + lineOf(existing)
                  + ". The pom was not changed.");
        }
      }
    }
    Element volumes = child(ensureConfiguration(), "volumes");
    appendText(volumes, "volume", volume);
    return changed("Added volume " + volume + " to " + file.path() + ".");
  }

  private PomChange changed(String summary) {
    return new PomChange(file, file.withXml(document.toXML()), summary);
  }

  private PomChange unchanged(String summary) {
    return new PomChange(file, file.text(), summary);
  }

  private Optional<Element> findConfiguration() throws PomEditException {
    Element project = document.getRootElement();
    for (Element candidate : children(project, "build", "plugins", "plugin")) {
      if (isThisPlugin(candidate)) {
        return Optional.ofNullable(candidate.getChild("configuration"));
      }
    }
    return Optional.empty();
  }

  /** The plugin's configuration, creating the blocks that lead to it when they are absent. */
  private Element ensureConfiguration() throws PomEditException {
    Element project = document.getRootElement();
    Element build = project.getChild("build");
    if (build == null) {
      build = layout.insertBefore(project, new Element("build"), AFTER_BUILD);
    }
    Element plugins = child(build, "plugins");
    for (Element candidate : plugins.getChildren("plugin")) {
      if (isThisPlugin(candidate)) {
        return child(candidate, "configuration");
      }
    }
    Element created = layout.append(plugins, new Element("plugin"));
    appendText(created, "groupId", plugin.groupId());
    appendText(created, "artifactId", plugin.artifactId());
    appendText(created, "version", plugin.version());
    return layout.append(created, new Element("configuration"));
  }

  private boolean isThisPlugin(Element candidate) throws PomEditException {
    Element groupId = candidate.getChild("groupId");
    Element artifactId = candidate.getChild("artifactId");
    return groupId != null
        && artifactId != null
        && textOf(groupId).equals(plugin.groupId())
        && textOf(artifactId).equals(plugin.artifactId());
  }

  private Element child(Element parent, String name) {
    Element existing = parent.getChild(name);
    return existing != null ? existing : layout.append(parent, new Element(name));
  }

  private void appendSource(Element parent, ConnectorSource source) {
    for (Map.Entry<String, String> entry : SourceElements.of(source).entrySet()) {
      appendText(parent, entry.getKey(), entry.getValue());
    }
  }

  private void appendText(Element parent, String name, String value) {
    Element element = new Element(name);
    element.setText(value);
    layout.append(parent, element);
  }

  /** A declared connector as the build goal sees it; empty when it declares no known source. */
  private Optional<ConnectorDeclaration> readConnector(Element connector) throws PomEditException {
    Optional<ConnectorSource> source = SourceElements.read(leafValues(connector), false);
    if (source.isEmpty()) {
      return Optional.empty();
    }
    List<ConnectorSource> libraries = new ArrayList<>();
    for (Element library : children(connector, "libraries", "library")) {
      Optional<ConnectorSource> librarySource = SourceElements.read(leafValues(library), true);
      if (librarySource.isEmpty()) {
        return Optional.empty();
      }
      libraries.add(librarySource.get());
    }
    Element name = connector.getChild("name");
    String effectiveName = name != null ? textOf(name) : source.get().defaultName();
    try {
      return Optional.of(new ConnectorDeclaration(effectiveName, source.get(), libraries));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Map<String, String> leafValues(Element element) throws PomEditException {
    Map<String, String> values = new LinkedHashMap<>();
    for (Element child : element.getChildren()) {
      if (child.getChildren().isEmpty()) {
        values.put(child.getName(), textOf(child));
      }
    }
    return values;
  }

  /** The elements at {@code path} below {@code parent}: e.g. connectors/connector. */
  private static List<Element> children(Element parent, String... path) {
    List<Element> level = List.of(parent);
    for (String name : path) {
      List<Element> next = new ArrayList<>();
      for (Element element : level) {
        next.addAll(element.getChildren(name));
      }
      level = next;
    }
    return level;
  }

  /** An element's text with entities and CDATA resolved, which the editor keeps raw. */
  private String textOf(Element element) throws PomEditException {
    try {
      XMLStreamReader reader =
          VALUE_READERS.createXMLStreamReader(new StringReader(element.toXML()));
      reader.nextTag();
      return reader.getElementText().trim();
    } catch (XMLStreamException e) {
      throw new PomEditException(
          "Cannot read <"
              + element.getName()
              + "> at line "
              + lineOf(element)
              + " of "
              + file.path()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static XMLInputFactory newValueReaders() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    return factory;
  }

  private int lineOf(Element element) {
    String xml = file.xml();
    int end = Math.min(element.getStartOffset(), xml.length());
    return (int) xml.substring(0, end).chars().filter(c -> c == '\n').count() + 1;
  }
}
