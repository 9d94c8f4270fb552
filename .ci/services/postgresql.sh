#!/usr/bin/env bash
# PostgreSQL for the store tests (issue 7): installs Debian's server if missing, starts its
# cluster on loopback (Debian's default listen_addresses is localhost), and creates the test role
# and database. Idempotent; run as root (sudo is used otherwise).
# The tests connect to INLET_TEST_PG_URL (default jdbc:postgresql://127.0.0.1:5432/inlet_test)
# as inlet/inlet -- a throwaway password for a loopback-only test database.
set -euo pipefail

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql
fi

# The newest installed major version, and its cluster (Debian creates "main" on install).
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version main"; then
  $SUDO pg_createcluster "$version" main
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$version" main start
fi

psql_admin() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"
  else
    sudo -u postgres psql -v ON_ERROR_STOP=1 -qtA "$@"
  fi
}

# Wait for the server to accept connections (it was just started).
for _ in $(seq 1 50); do
  psql_admin -c 'SELECT 1' >/dev/null 2>&1 && break
  sleep 0.2
done

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'inlet'")" != "1" ]; then
  psql_admin -c "CREATE ROLE inlet LOGIN PASSWORD 'inlet'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'inlet_test'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE inlet_test OWNER inlet"
fi

echo "PostgreSQL $version: jdbc:postgresql://127.0.0.1:5432/inlet_test (user inlet) is ready"
