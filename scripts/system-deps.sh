#!/usr/bin/env bash
# Installs the system packages the tests need: a PostgreSQL server (Debian's `postgresql`).
# The tests start their own throw-away cluster from these binaries; nothing is started here.
set -euo pipefail

if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL server binaries are missing: install Debian's 'postgresql' package" \
       "(sudo apt-get install postgresql); the PostgreSQL tests are skipped without it" >&2
  exit 0
fi
echo "installing PostgreSQL (Debian package 'postgresql') for the storage tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
