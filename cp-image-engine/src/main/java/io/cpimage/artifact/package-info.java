/**
 * Fetching, verifying and inspecting what a build adds to an image: connectors, libraries, JDKs.
 *
 * <p>Plain Java, no Maven types: the mojos resolve Maven coordinates themselves and hand files to
 * this package. Every failure is an {@link io.cpimage.artifact.ArtifactException} whose message
 * names the pom element it concerns (the {@code where} argument), what was wrong and the fix.
 *
 * <ul>
 *   <li>{@link io.cpimage.artifact.Checksum}: SHA-256 / SHA-512 values from the pom.
 *   <li>{@link io.cpimage.artifact.UrlDownloader}: https and a checksum required unless {@code
 *       <insecure>}; a content-addressed cache, reused offline.
 *   <li>{@link io.cpimage.artifact.ArchiveUnpacker}: zip, tar, tar.gz; entries that escape are
 *       refused, links inside the archive become copies, modes are kept.
 *   <li>{@link io.cpimage.artifact.ConnectPluginScanner}: the Kafka Connect plugin classes of a
 *       directory, from class headers, nothing loaded.
 *   <li>{@link io.cpimage.artifact.JdkSource}: where {@code bin/java} is in a JDK given to {@code
 *       <jdk>}.
 * </ul>
 */
package io.cpimage.artifact;
