#!/bin/sh
# Installs the system tools the test suite uses beyond node_modules: PgBouncer, for the probes'
# transaction-pooler tests (they are skipped, with a message, where it is missing).
set -eu
if command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ]; then
  echo "pgbouncer already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "no apt-get here: install pgbouncer yourself, or its tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get install -y --no-install-recommends pgbouncer >/dev/null 2>&1 || {
  $SUDO apt-get update >/dev/null
  $SUDO apt-get install -y --no-install-recommends pgbouncer >/dev/null
}
echo "pgbouncer installed: $(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
