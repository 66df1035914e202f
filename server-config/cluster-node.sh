#!/usr/bin/env bash
# Starts one Payara Micro node of a Hollerith cluster (README "Running a cluster").
#
#   server-config/cluster-node.sh <http-port> <grid-port> [<node-name>]
#
# Every node of a cluster needs the same PostgreSQL, the same master key and the same member list:
#   HOLLERITH_DB_URL            jdbc:postgresql://db-host:5432/hollerith (required: H2 is one process's file)
#   HOLLERITH_DB_USER, HOLLERITH_DB_PASSWORD
#   HOLLERITH_MASTER_KEY        base64 of 32 bytes, identical on every node
#   HOLLERITH_CLUSTER_MEMBERS   grid addresses of the nodes, comma separated
#                               (default 127.0.0.1:5900,127.0.0.1:5901,127.0.0.1:5902: three nodes on this host)
#   HOLLERITH_CLUSTER_NAME      default "hollerith"; nodes with another name never join
#   HOLLERITH_CLUSTER_INTERFACE the address the grid binds to (default 127.0.0.1; e.g. 10.0.0.* on a LAN)
#   PAYARA_MICRO_JAR            default: the payara-micro jar Maven downloaded
#   JAVA_OPTS                   default: -Xmx768m
set -euo pipefail
cd "$(dirname "$0")/.."

http_port=${1:?usage: cluster-node.sh <http-port> <grid-port> [<node-name>]}
grid_port=${2:?usage: cluster-node.sh <http-port> <grid-port> [<node-name>]}
name=${3:-node-$grid_port}
: "${HOLLERITH_DB_URL:?set HOLLERITH_DB_URL to the PostgreSQL all nodes share}"
: "${HOLLERITH_MASTER_KEY:?set HOLLERITH_MASTER_KEY: the same key on every node}"
members=${HOLLERITH_CLUSTER_MEMBERS:-127.0.0.1:5900,127.0.0.1:5901,127.0.0.1:5902}
jar=${PAYARA_MICRO_JAR:-$HOME/.m2/repository/fish/payara/extras/payara-micro/6.2025.10/payara-micro-6.2025.10.jar}
war=${HOLLERITH_WAR:-target/hollerith.war}
export HOLLERITH_DB_URL HOLLERITH_MASTER_KEY

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:--Xmx768m} -jar "$jar" \
  --deploy "$war:/" \
  --port "$http_port" \
  --prebootcommandfile server-config/pre-boot.asadmin \
  --postbootcommandfile server-config/post-boot.asadmin \
  --postdeploycommandfile server-config/post-deploy.asadmin \
  --rootdir "target/payara-$name" \
  --name "$name" \
  --clustername "${HOLLERITH_CLUSTER_NAME:-hollerith}" \
  --clustermode "tcpip:$members" \
  --interfaces "${HOLLERITH_CLUSTER_INTERFACE:-127.0.0.1}" \
  --startport "$grid_port"
