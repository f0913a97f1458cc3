#!/usr/bin/env bash
# Install the Debian packages Kontora needs, only those missing.
#   scripts/system-packages.sh run    what the app needs (WeasyPrint's Pango and HarfBuzz subsetting)
#   scripts/system-packages.sh test   that plus what the test suite drives (Chromium, Dovecot IMAP)
# Without libharfbuzz-subset0 every PDF renders about three times slower.
set -euo pipefail

RUN_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
TEST_PACKAGES=(chromium dovecot-imapd)

wanted=("${RUN_PACKAGES[@]}")
case "${1:-run}" in
    run) ;;
    test) wanted+=("${TEST_PACKAGES[@]}") ;;
    *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "notice: not a Debian system; make sure these are installed: ${wanted[*]}" >&2
    exit 0
fi

missing=()
for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo)
echo "installing system packages: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
