// The fake Kafka Connect worker the verify-ready ITs check against; its URL goes to the build.
evaluate(new File(itSupport, 'connect-worker.groovy'))
