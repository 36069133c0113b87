package io.cpimage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The plugin descriptor that maven-plugin-plugin generated from the mojos' field Javadoc (in the
 * process-classes phase, before the tests): {@code mvn help:describe -Ddetail} prints each
 * parameter's description from it, so every parameter of every goal must have one. help:describe
 * reads a description as HTML, so an element name written in angle brackets (even in a Javadoc code
 * tag) would vanish from what it prints.
 */
class PluginDescriptorTest {
  private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

  @Test
  void everyParameterOfEveryGoalIsDescribed() throws Exception {
    assertTrue(Files.isRegularFile(DESCRIPTOR), DESCRIPTOR + " was not generated");
    Document plugin =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
    List<String> goals = new ArrayList<>();
    List<String> undescribed = new ArrayList<>();
    for (Element mojo : children(plugin.getDocumentElement(), "mojos", "mojo")) {
      String goal = text(mojo, "goal");
      goals.add(goal);
      if (text(mojo, "description").isBlank() || text(mojo, "description").contains("<")) {
        undescribed.add(goal);
      }
      for (Element parameter : children(mojo, "parameters", "parameter")) {
        String description = text(parameter, "description");
        if (description.isBlank() || description.contains("<")) {
          undescribed.add(goal + ": " + text(parameter, "name"));
        }
      }
    }
    assertEquals(
        List.of("add-connector", "add-volume", "build", "clean", "push-platforms", "verify-ready"),
        goals.stream().sorted().toList());
    assertEquals(
        List.of(), undescribed, "goals and parameters without a description, or with a '<' in it");
  }

  private static List<Element> children(Element parent, String list, String item) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(list)) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
          if (node instanceof Element entry && entry.getTagName().equals(item)) {
            found.add(entry);
          }
        }
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent();
      }
    }
    return "";
  }
}
