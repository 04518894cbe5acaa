#!/usr/bin/env bash
# The Debian packages the tests need. `make test` runs this before pytest: as root (as in CI)
# it installs what is missing with apt-get; otherwise it says what to install and stops.
set -euo pipefail

# One list for every system package the tests use; add new ones here, with their reason.
#   postgresql: server binaries (initdb, pg_ctl) for the throwaway server of the `postgres` tests
#   chromium: the browser the `browser` tests drive with Playwright (its own download cannot be
#     fetched here); fonts-dejavu-core: a font for its screenshots on a bare machine
#   libicu-dev, pkg-config, g++: followthemoney's PyICU is built from source against ICU
#   poppler-utils: pdftoppm, with which the tests render the pages of a brief's PDF
PACKAGES=(postgresql chromium fonts-dejavu-core libicu-dev pkg-config g++ poppler-utils)

if ! command -v dpkg-query >/dev/null; then
  echo "system-deps: not a Debian system; install these or their equivalents: ${PACKAGES[*]}" >&2
  exit 0  # cannot check here; the tests themselves say what they miss
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  # `dpkg -s` also succeeds for removed packages whose config files remain, so read the status.
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: the tests need Debian packages that are not installed. Run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
