#!/usr/bin/env bash
# Health check of the Connect worker: its REST API answers GET /connectors with 200.
# (The worker may serve https: CONNECT_REST_ADVERTISED_LISTENER=https; its certificate names the
# advertised host, not localhost, hence --insecure.)
set -o errexit -o nounset -o pipefail

url="${CONNECT_REST_ADVERTISED_LISTENER:-http}://localhost:${CONNECT_REST_PORT:-8083}/connectors"
curl --silent --show-error --fail --insecure --max-time 10 --output /dev/null "$url"
echo "Woohoo! Kafka Connect is up!"
