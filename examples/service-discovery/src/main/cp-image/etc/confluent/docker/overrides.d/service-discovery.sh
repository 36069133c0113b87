# Sourced by /etc/confluent/docker/run before configure. A scheduler such as Marathon tells a task
# where it can be reached in HOST and PORT0 (the host port mapped to the container's 8083); the
# worker advertises that address to the other workers, unless it is set explicitly.
if [ -n "${HOST:-}" ] && [ -z "${CONNECT_REST_ADVERTISED_HOST_NAME:-}" ]; then
  export CONNECT_REST_ADVERTISED_HOST_NAME="$HOST"
fi
if [ -n "${PORT0:-}" ] && [ -z "${CONNECT_REST_ADVERTISED_PORT:-}" ]; then
  export CONNECT_REST_ADVERTISED_PORT="$PORT0"
fi
