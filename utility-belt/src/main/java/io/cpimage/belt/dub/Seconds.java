package io.cpimage.belt.dub;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts a timeout in (possibly fractional) seconds, as Confluent's dub takes it. */
final class Seconds implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    double seconds;
    try {
      seconds = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a number of seconds");
    }
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new TypeConversionException("'" + value + "' must be zero or more seconds");
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
