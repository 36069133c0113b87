/**
 * The image's software bill of materials: what {@code cp-image:build} put into an image and what
 * its base holds, as a CycloneDX document that scanners read from the image and CI from {@code
 * target/cp-image}.
 */
package io.cpimage.sbom;
