package io.cpimage.belt.gotemplate;

import java.util.List;

/**
 * A function a template can call. Arguments are template values: {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code List}, {@code Map} or {@code null} (nil). A thrown {@link
 * IllegalArgumentException} becomes the execution error {@code error calling <name>: ...}.
 */
@FunctionalInterface
public interface GoFunction {

  Object call(List<Object> args);
}
