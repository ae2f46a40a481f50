#!/usr/bin/env bash
# Install the Debian packages the test suite needs when they are missing: PostgreSQL server
# binaries (initdb, pg_ctl), Chromium (browser tests), node/npm (sign-in tests) and nginx
# (the two-app-server test). Needs root; without root it only
# says what is missing, and the suite then skips those tests, loudly.
set -euo pipefail

missing=()
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
# nginx is the reverse proxy of the two-app-server test (tests/browser/test_several_servers.py).
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  missing+=(nginx)
fi
# node + npm run the loopback OpenID Connect provider of the sign-in tests (tests/oidc_provider).
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Paquets absents : ${missing[*]} (installez-les : sudo apt-get install ${missing[*]})."
  echo "Les tests qui en dépendent seront SAUTÉS."
  exit 0
fi
echo "Installation des paquets Debian : ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
