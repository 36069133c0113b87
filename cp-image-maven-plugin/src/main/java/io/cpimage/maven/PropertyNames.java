package io.cpimage.maven;

/**
 * Every {@code -D} property that overrides a goal's parameter: {@code cp-image.} then the
 * parameter's path in the pom ({@code cp-image.to.image} for {@code <to><image>}). verify-ready's
 * {@code <verify>} block is the exception that keeps the cluster's names short ({@code
 * cp-image.connect} for {@code <verify><connect>}); its own skip is {@code cp-image.verify.skip},
 * so that {@code cp-image.skip} skips the build alone.
 */
final class PropertyNames {
  static final String FROM_IMAGE = "cp-image.from.image";
  static final String FROM_AUTH_USERNAME = "cp-image.from.auth.username";
  static final String FROM_AUTH_PASSWORD = "cp-image.from.auth.password";
  static final String FROM_CRED_HELPER = "cp-image.from.credHelper";
  static final String TO_IMAGE = "cp-image.to.image";
  static final String TO_TAGS = "cp-image.to.tags";
  static final String TO_TAR_IMAGE_NAME = "cp-image.to.tarImageName";
  static final String TO_DAEMON_OPTIONAL = "cp-image.to.daemonOptional";
  static final String TO_AUTH_USERNAME = "cp-image.to.auth.username";
  static final String TO_AUTH_PASSWORD = "cp-image.to.auth.password";
  static final String TO_CRED_HELPER = "cp-image.to.credHelper";
  static final String OUTPUT_TAR = "cp-image.outputTar";
  static final String ALLOW_INSECURE_REGISTRIES = "cp-image.allowInsecureRegistries";
  static final String PLUGIN_PATH = "cp-image.pluginPath";
  static final String CONNECTOR_PROJECT = "cp-image.connectorProject";
  static final String ENVIRONMENT = "cp-image.environment";
  static final String LABELS = "cp-image.labels";
  static final String USER = "cp-image.user";
  static final String PORTS = "cp-image.ports";
  static final String ENTRYPOINT = "cp-image.entrypoint";
  static final String CMD = "cp-image.cmd";
  static final String WORKING_DIRECTORY = "cp-image.workingDirectory";
  static final String VOLUMES = "cp-image.volumes";
  static final String JVM_HEAP_OPTS = "cp-image.jvm.heapOpts";
  static final String JVM_GC_LOGGING = "cp-image.jvm.gcLogging";
  static final String JVM_HEAP_DUMP_ON_OUT_OF_MEMORY = "cp-image.jvm.heapDumpOnOutOfMemory";
  static final String JVM_EXTRA_OPTS = "cp-image.jvm.extraOpts";
  static final String JDK_NAME = "cp-image.jdk.name";
  static final String JDK_DIRECTORY = "cp-image.jdk.directory";
  static final String JDK_FILE = "cp-image.jdk.file";
  static final String JDK_URL = "cp-image.jdk.url";
  static final String JDK_SHA256 = "cp-image.jdk.sha256";
  static final String JDK_SHA512 = "cp-image.jdk.sha512";
  static final String JDK_INSECURE = "cp-image.jdk.insecure";
  static final String UTILITY_BELT_SKIP = "cp-image.utilityBelt.skip";
  static final String BUILD_NUMBER = "cp-image.buildNumber";
  static final String REPORT_FILE = "cp-image.reportFile";
  static final String DOWNLOAD_CACHE = "cp-image.downloadCache";
  static final String STRICT_PLUGINS = "cp-image.strictPlugins";
  static final String STRICT_SETTINGS = "cp-image.strictSettings";
  static final String ALLOWED_SETTING_PREFIXES = "cp-image.allowedSettingPrefixes";
  static final String SKIP = "cp-image.skip";
  static final String PLATFORMS = "cp-image.platforms";
  static final String PUSH_IMAGES = "cp-image.push.images";
  static final String PUSH_REGISTRY = "cp-image.push.registry";
  static final String PUSH_SKIP = "cp-image.push.skip";

  static final String ZOOKEEPER = "cp-image.zookeeper";
  static final String BOOTSTRAP_SERVERS = "cp-image.bootstrapServers";
  static final String EXPECTED_BROKERS = "cp-image.expectedBrokers";
  static final String CLIENT_CONFIG = "cp-image.clientConfig";
  static final String SCHEMA_REGISTRY = "cp-image.schemaRegistry";
  static final String REST_PROXY = "cp-image.restProxy";
  static final String CONNECT = "cp-image.connect";
  static final String TIMEOUT = "cp-image.timeout";
  static final String SMOKE = "cp-image.smoke";
  static final String BROKER_IMAGE = "cp-image.brokerImage";
  static final String LOG_LINES = "cp-image.logLines";
  static final String VERIFY_SKIP = "cp-image.verify.skip";

  private PropertyNames() {}
}
