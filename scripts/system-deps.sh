#!/usr/bin/env bash
# Installs the system packages the tests need, from Debian's packages:
# - a PostgreSQL server (`postgresql`): the tests start their own throw-away cluster from it;
# - `chromium` and `chromium-driver`: the browser test of the grading page drives them headless;
# - `prometheus` (with `promtool`): the metrics tests start a throw-away server that scrapes a
#   gateway, and check the shipped rules and scrape config (deploy/prometheus/).
# Nothing is started here.
set -euo pipefail

packages=()
if ! { command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; }; then
  packages+=(postgresql)
fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  packages+=(chromium chromium-driver)
fi
if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
  packages+=(prometheus)
fi
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages: ${packages[*]} (sudo apt-get install ${packages[*]});" \
       "the tests that need them are skipped outside CI" >&2
  exit 0
fi
echo "installing Debian packages for the tests: ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${packages[@]}" >/dev/null
