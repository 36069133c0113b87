def pomUnchanged = evaluate(new File(itSupport, 'pom-unchanged.groovy'))
pomUnchanged(basedir, ['Volume /var/log/kafka-auth-logs is already declared in',
    'pom.xml at line 16.'])
