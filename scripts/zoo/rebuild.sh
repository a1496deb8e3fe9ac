#!/usr/bin/env bash
# Rebuilds Examples/zoo from scratch: a pinned Python environment (scripts/zoo/requirements.txt,
# torch==2.13.0+cpu), the Debian packages that carry the data (downloaded and unpacked with
# dpkg -x, not installed), then scripts/zoo/build_zoo.py. Prints how long it took.
#   bash scripts/zoo/rebuild.sh [--only DATASET ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
venv=${ZOO_VENV:-.zoo-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r scripts/zoo/requirements.txt
fi
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
(cd "$src" && apt-get download opencv-doc r-cran-mlbench fortunes fortunes-min bible-kjv bible-kjv-text >/dev/null 2>&1 \
  || { apt-get update -qq && apt-get download opencv-doc r-cran-mlbench fortunes fortunes-min bible-kjv bible-kjv-text >/dev/null; })
for deb in "$src"/*.deb; do dpkg -x "$deb" "$src/root"; done
HF_HUB_OFFLINE=1 "$venv/bin/python" scripts/zoo/build_zoo.py --src "$src/root" "$@"
echo "zoo rebuilt in $(( $(date +%s) - start )) s"
