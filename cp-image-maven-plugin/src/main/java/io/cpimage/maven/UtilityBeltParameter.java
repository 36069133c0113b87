package io.cpimage.maven;

/** {@code <utilityBelt>}: set {@code <skip>true</skip>} to keep the base image's dub and cub. */
public class UtilityBeltParameter {
  /** Keep the base image's dub and cub instead of adding the utility belt. */
  boolean skip;
}
