package io.cpimage.belt.settings;

import java.util.List;

/**
 * One setting of the catalogue: its name, its {@code ConfigDef} type, and the values its validator
 * allows (empty when any value of the type is allowed or the validator was not read).
 */
public record Setting(String name, String type, List<String> validValues, boolean caseInsensitive) {

  /**
   * Why {@code value} is not a value of this setting, or null when Kafka would take it. Only what
   * Kafka's own parsing refuses is reported: a number, a boolean, one of the listed values.
   */
  public String problemWith(String value) {
    String trimmed = value.trim();
    switch (type) {
      case "INT":
      case "SHORT":
      case "LONG":
        return whole(trimmed)
            ? null
            : (type.equals("INT") ? "an " : "a ") + type + " (a whole number)";
      case "DOUBLE":
        return decimal(trimmed) ? null : "a DOUBLE (a number)";
      case "BOOLEAN":
        return trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")
            ? null
            : "a BOOLEAN (true or false)";
      case "STRING":
        return validValues.isEmpty() || allowed(trimmed) ? null : oneOf("a STRING");
      case "LIST":
        if (validValues.isEmpty()) {
          return null;
        }
        for (String element : trimmed.split(",")) {
          if (!element.isBlank() && !allowed(element.trim())) {
            return oneOf("a LIST");
          }
        }
        return null;
      default:
        return null;
    }
  }

  private boolean whole(String value) {
    try {
      switch (type) {
        case "INT" -> Integer.parseInt(value);
        case "SHORT" -> Short.parseShort(value);
        default -> Long.parseLong(value);
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean decimal(String value) {
    try {
      Double.parseDouble(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private boolean allowed(String value) {
    for (String valid : validValues) {
      if (caseInsensitive ? valid.equalsIgnoreCase(value) : valid.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private String oneOf(String kind) {
    return kind
        + " of "
        + String.join(", ", validValues)
        + (caseInsensitive ? " (any case)" : "")
        + (type.equals("LIST") ? ", comma-separated" : "");
  }
}
