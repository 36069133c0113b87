package io.cpimage.build;

import io.cpimage.connector.ArtifactResolver;
import io.cpimage.connector.MavenCoordinates;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * A build's spec as text, for its fingerprint: each record by its components' names and values,
 * nested records, lists and maps in their order, as a record's own {@code toString} shows it. Not
 * that {@code toString} itself: its first call per record class in a JVM (the {@code ObjectMethods}
 * bootstrap) made up some 0.1 s of the 0.27 s a build with nothing changed took, where reading the
 * components costs a few milliseconds.
 */
final class SpecText {
  /**
   * Values that show what of them matters in their own {@code toString}: a location its kind and
   * name, a credential where it came from (never its secret), coordinates and a platform their
   * usual form.
   */
  private static final Set<Class<?>> SELF_DESCRIBED =
      Set.of(
          ImageLocation.class,
          CredentialSource.Known.class,
          MavenCoordinates.class,
          Platform.class);

  private SpecText() {}

  /** {@code value} as text; the artifact resolver, an object without a value, as "resolver". */
  static String of(Object value) {
    StringBuilder text = new StringBuilder();
    append(text, value);
    return text.toString();
  }

  private static void append(StringBuilder text, Object value) {
    if (value instanceof Record record && !SELF_DESCRIBED.contains(value.getClass())) {
      text.append(value.getClass().getSimpleName()).append('[');
      String separator = "";
      for (RecordComponent component : value.getClass().getRecordComponents()) {
        text.append(separator).append(component.getName()).append('=');
        append(text, componentValue(record, component));
        separator = ", ";
      }
      text.append(']');
    } else if (value instanceof Collection<?> collection) {
      text.append('[');
      String separator = "";
      for (Object element : collection) {
        text.append(separator);
        append(text, element);
        separator = ", ";
      }
      text.append(']');
    } else if (value instanceof Map<?, ?> map) {
      text.append('{');
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        text.append(separator);
        append(text, entry.getKey());
        text.append('=');
        append(text, entry.getValue());
        separator = ", ";
      }
      text.append('}');
    } else if (value instanceof ArtifactResolver) {
      text.append("resolver");
    } else {
      text.append(value);
    }
  }

  private static Object componentValue(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
    }
  }
}
