#!/usr/bin/env bash
# Rebuilds Examples/zoo from scratch: a pinned Python environment (scripts/zoo/requirements.txt,
# torch==2.13.0+cpu), the Debian packages that carry the data (downloaded and unpacked with
# dpkg -x, not installed), then scripts/zoo/build_zoo.py. Prints how long it took.
#   bash scripts/zoo/rebuild.sh [--only DATASET ...]
#   bash scripts/zoo/rebuild.sh --full      # the larger zoo (15 datasets, 66 sets) in
#                                           # Examples/zoo-full/ (not committed; docs/study.md)
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
packages="opencv-doc r-cran-mlbench fortunes fortunes-min bible-kjv bible-kjv-text"
if [[ " $* " == *" --full "* ]]; then
  # Fonts for the glyphs dataset, Debian's word lists, WordNet.
  packages+=" fonts-dejavu-core fonts-liberation fonts-freefont-ttf fonts-urw-base35 fonts-texgyre fonts-croscore fonts-noto-core"
  packages+=" wamerican wbulgarian wcatalan wdanish wdutch wfaroese wfrench wgalician-minimos wirish witalian wngerman wnorwegian"
  packages+=" wpolish wportuguese wspanish wswedish wukrainian wordnet-base"
fi
(cd "$src" && apt-get download $packages >/dev/null 2>&1 || { apt-get update -qq && apt-get download $packages >/dev/null; })
for deb in "$src"/*.deb; do dpkg -x "$deb" "$src/root"; done
HF_HUB_OFFLINE=1 "$venv/bin/python" scripts/zoo/build_zoo.py --src "$src/root" "$@"
echo "zoo rebuilt in $(( $(date +%s) - start )) s"
