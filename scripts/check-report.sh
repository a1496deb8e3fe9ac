#!/usr/bin/env bash
# Renders a study report in headless Chromium (Debian's chromium, installed if missing) and checks
# that every figure loaded; writes a screenshot next to it.
#   bash scripts/check-report.sh REPORT_DIR
set -euo pipefail
dir=$(cd "${1:?usage: check-report.sh REPORT_DIR}" && pwd)
if ! command -v chromium >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
flags=(--headless --no-sandbox --disable-gpu --allow-file-access-from-files --virtual-time-budget=5000)
dom=$(chromium "${flags[@]}" --dump-dom "file://$dir/index.html" 2>/dev/null)
figures=$(grep -o 'data-figures="[0-9]*/[0-9]*"' <<<"$dom" | head -1 | sed 's/.*="\(.*\)"/\1/')
loaded=${figures%/*}; total=${figures#*/}
if [[ -z "$figures" || "$loaded" != "$total" || "$total" -lt 3 ]]; then
  echo "report check FAILED: figures loaded: ${figures:-none}" >&2; exit 1
fi
chromium "${flags[@]}" --window-size=1200,2400 --screenshot="$dir/screenshot.png" "file://$dir/index.html" >/dev/null 2>&1 || true
echo "report check: $loaded/$total figures rendered in headless Chromium; screenshot $dir/screenshot.png"
