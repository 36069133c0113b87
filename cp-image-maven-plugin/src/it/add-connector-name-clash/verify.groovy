def pomUnchanged = evaluate(new File(itSupport, 'pom-unchanged.groovy'))
pomUnchanged(basedir, ["A different connector named 'connect-file' is already declared in",
    'pom.xml at line 17.',
    '-Dname='])
