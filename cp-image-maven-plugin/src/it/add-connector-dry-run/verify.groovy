def pomUnchanged = evaluate(new File(itSupport, 'pom-unchanged.groovy'))
pomUnchanged(basedir, ['Dry run (-DdryRun): the pom was not changed.',
    '--- a/pom.xml',
    '+++ b/pom.xml',
    '@@ -5,4 +5,21 @@',
    '+  <build>',
    "+        <version>${pluginVersion}</version>",
    "+              <artifact>org.apache.kafka:connect-file:${kafkaVersion}</artifact>"])
