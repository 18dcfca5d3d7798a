#!/usr/bin/env bash
# The browser tests drive Debian's Chromium with playwright-core. Install it when it is missing
# (as root, with apt-get), or stop with one line that names the package.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing; installing Debian's chromium package with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
fi
echo "The browser tests need Debian's 'chromium' package: run 'apt-get install -y chromium' as root." >&2
exit 1
