#!/usr/bin/env bash
# Installs Debian's chromium for the console's real-browser test (tests/test_console_browser.py),
# which drives it with the Python playwright package. Playwright's own browser download is never
# used: CI machines may have no route to it, and the distribution's build gets security updates.
# Idempotent: does nothing when /usr/bin/chromium is already there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo present) at $CHROMIUM"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "chromium.sh: no apt-get on this machine; the browser test will be skipped" >&2
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "chromium.sh: not root, cannot install chromium; the browser test will be skipped" >&2
    exit 0
fi
apt-get update -qq
# fonts-liberation: real glyphs in the screenshots instead of boxes
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo installed) at $CHROMIUM"
