def pomUnchanged = evaluate(new File(itSupport, 'pom-unchanged.groovy'))
pomUnchanged(basedir, ['the connector would not load as declared (1 problem):',
    "-Dartifact=org.apache.kafka:connect-file:${kafkaVersion}: kafka-clients-${kafkaVersion}.jar holds classes the Connect worker provides (org.apache.kafka.",
    'Fix them, or set <strictPlugins>false</strictPlugins> (-Dcp-image.strictPlugins=false) to declare it with warnings. The pom was not changed.'])
