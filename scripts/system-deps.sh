#!/usr/bin/env bash
# Install the Debian packages the app and its tests need, only those missing (needs root for apt-get).
#   fonts-dejavu-core, fonts-noto-core : fonts embedded in the PDFs (WeasyPrint never downloads fonts)
#   libpango-1.0-0, libpangoft2-1.0-0  : WeasyPrint's text layout
#   postgresql-15                      : the throwaway test cluster of `make test`
#   chromium                           : the browser the Playwright tests drive (never downloaded by Playwright)
#   libreoffice-writer-nogui           : tests open the Word/ODT exports in LibreOffice (the app never runs it)
set -euo pipefail
wanted=(fonts-dejavu-core fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 postgresql-15 chromium libreoffice-writer-nogui "$@")
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "system-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
