package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {
  @Test
  void readsTheFeatureVersionOfOldAndNewReleaseFiles() {
    assertEquals(
        Optional.of(8), JvmFlags.featureVersion("JAVA_VERSION=\"1.8.0_402\"\nOS_NAME=Linux"));
    assertEquals(
        Optional.of(17), JvmFlags.featureVersion("IMPLEMENTOR=x\nJAVA_VERSION=\"17.0.15\""));
    assertEquals(Optional.empty(), JvmFlags.featureVersion("nothing"));
  }

  @Test
  void gcFlagsFollowTheJavaVersion() {
    assertEquals(
        "-Xlog:gc*:file=/var/log/gc/gc.log:time,uptime:filecount=10,filesize=100M",
        JvmFlags.gcLogging("/var/log/gc", 17));
    assertEquals(
        "-Xloggc:/var/log/gc/gc.log -verbose:gc -XX:+PrintGCDetails -XX:+PrintGCDateStamps"
            + " -XX:+PrintGCTimeStamps -XX:+UseGCLogFileRotation -XX:NumberOfGCLogFiles=10"
            + " -XX:GCLogFileSize=100M",
        JvmFlags.gcLogging("/var/log/gc", 8));
  }

  @Test
  void kafkaOptsKeepTheBaseValueFirst() {
    assertEquals(
        "-Dbase -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/dumps -Dx=1",
        JvmFlags.kafkaOpts("-Dbase", "/dumps", "-Dx=1"));
    assertEquals("-Dx=1", JvmFlags.kafkaOpts(null, null, " -Dx=1 "));
  }
}
