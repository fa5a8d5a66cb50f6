#!/usr/bin/env bash
# Makes sure the three test browsers (Chromium, Firefox ESR, WebKitGTK's WebKitWebDriver +
# MiniBrowser), Xvfb and brotli are installed from Debian's packages. Idempotent: does nothing
# when everything is there. See shared/TOOLCHAIN.md.
set -euo pipefail

PACKAGES=(chromium firefox-esr webkit2gtk-driver xvfb brotli)
missing=()
[ -x /usr/bin/chromium ] || missing+=("/usr/bin/chromium")
[ -x /usr/bin/firefox-esr ] || missing+=("/usr/bin/firefox-esr")
command -v WebKitWebDriver >/dev/null 2>&1 || missing+=("WebKitWebDriver")
command -v Xvfb >/dev/null 2>&1 || missing+=("Xvfb")
command -v brotli >/dev/null 2>&1 || missing+=("brotli")

if [ ${#missing[@]} -eq 0 ]; then
  echo "ensure-browsers: chromium, firefox-esr, WebKitWebDriver, Xvfb and brotli are present"
  exit 0
fi

echo "ensure-browsers: missing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-browsers: not root; install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${PACKAGES[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${PACKAGES[@]}"

# re-check after installing
for b in /usr/bin/chromium /usr/bin/firefox-esr; do
  [ -x "$b" ] || { echo "ensure-browsers: $b still missing after install" >&2; exit 1; }
done
for c in WebKitWebDriver Xvfb brotli; do
  command -v "$c" >/dev/null 2>&1 || { echo "ensure-browsers: $c still missing after install" >&2; exit 1; }
done
echo "ensure-browsers: installed ${PACKAGES[*]}"
