def pomUnchanged = evaluate(new File(itSupport, 'pom-unchanged.groovy'))
pomUnchanged(basedir, ['-Dartifact=org.slf4j:slf4j-api:',
    'holds no Kafka Connect plugin class',
    'The pom was not changed.'])
