// The archetype plugin does not apply validationRegex in batch mode (-B): refuse a wrong -Dbase here,
// and remove what was generated, rather than leave a project that silently extends the wrong image.
def base = request.properties.get('base')
if (!(base in ['connect', 'kafka'])) {
    new File(request.outputDirectory, request.artifactId).deleteDir()
    throw new IllegalArgumentException(
            "-Dbase=${base} is not a cp-image base image: use -Dbase=connect (cp-kafka-connect, the default)"
                    + " or -Dbase=kafka (cp-kafka).")
}
