package io.cpimage.pom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.Locator2;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A pom's text as read from disk, checked to be well-formed XML, and written back atomically (temp
 * file + rename) in the encoding it was read in.
 */
final class PomFile {

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private final Path path;
  private final Charset charset;
  private final String text;

  private PomFile(Path path, Charset charset, String text) {
    this.path = path;
    this.charset = charset;
    this.text = text;
  }

  /** Reads {@code path}, refusing (with line and column) a file that is not well-formed XML. */
  static PomFile read(Path path) throws PomEditException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new PomEditException("Cannot read " + path + ": " + e, e);
    }
    Charset charset = checkWellFormed(path, bytes);
    return new PomFile(path, charset, new String(bytes, charset));
  }

  Path path() {
    return path;
  }

  /** The file's text; a byte order mark, if any, is kept as its first character. */
  String text() {
    return text;
  }

  /** The text without a byte order mark, which the XML editor does not expect. */
  String xml() {
    return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
  }

  /** The full text to write for an edited {@link #xml()}, keeping the byte order mark. */
  String withXml(String xml) {
    return text.startsWith(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK + xml : xml;
  }

  /**
   * Replaces the file's content by writing a sibling temp file and renaming it over the pom, so a
   * reader never sees a half-written pom and a failure leaves the old one in place.
   */
  void replaceWith(String newText) throws PomEditException {
    Path directory = path.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(directory, "." + path.getFileName() + ".", ".tmp");
      Files.write(temp, newText.getBytes(charset));
      copyPermissions(temp);
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new PomEditException("Cannot write " + path + " (it was not changed): " + e, e);
    }
  }

  private void copyPermissions(Path temp) throws IOException {
    PosixFileAttributeView original =
        Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (original != null) {
      Files.setPosixFilePermissions(temp, original.readAttributes().permissions());
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The rename failed already; that error is the one the user needs.
      }
    }
  }

  /**
   * Parses the bytes with the JDK's strict SAX parser (the editor's own parser is lenient) and
   * returns the encoding the document declares.
   */
  private static Charset checkWellFormed(Path path, byte[] bytes) throws PomEditException {
    EncodingRecorder recorder = new EncodingRecorder();
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.newSAXParser().parse(new InputSource(new ByteArrayInputStream(bytes)), recorder);
    } catch (SAXParseException e) {
      throw new PomEditException(
          path
              + " is not well-formed XML at line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ": "
              + e.getMessage()
              + " Fix the pom and run again; it was not changed.",
          e);
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new PomEditException("Cannot parse " + path + ": " + e, e);
    }
    return recorder.charset();
  }

  /** Remembers the encoding the parser detected (declaration or byte order mark). */
  private static final class EncodingRecorder extends DefaultHandler {
    private Locator locator;
    private String encoding;

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startDocument() {
      if (locator instanceof Locator2 locator2) {
        encoding = locator2.getEncoding();
      }
    }

    Charset charset() {
      return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    }
  }
}
