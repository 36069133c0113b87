// Publishes the two-platform IT base (make-multi-platform-base.sh) as an image index.
def push = ['bash', "${itSupport}/push-oci-layout.sh", "${itBase}/multi/layout", registry,
            'cp-image-it/platforms-registry-base', '1'].execute()
push.waitForProcessOutput(System.out, System.err)
assert push.exitValue() == 0
true
