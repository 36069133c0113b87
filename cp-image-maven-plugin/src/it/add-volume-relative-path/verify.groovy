def pomUnchanged = evaluate(new File(itSupport, 'pom-unchanged.groovy'))
pomUnchanged(basedir, ["Volume path 'var/log/kafka' is not absolute",
    'The pom was not changed.'])
