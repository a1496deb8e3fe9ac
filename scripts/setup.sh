#!/usr/bin/env bash
# Installs the Debian packages tempctl needs, if missing: GSL, OpenBLAS, LAPACKE, SQLite, zlib, HDF5.
# Runs apt-get as root, or through sudo when not root. Safe to rerun.
set -euo pipefail
packages=(libgsl-dev libopenblas-dev liblapacke-dev libsqlite3-dev zlib1g-dev libhdf5-dev pkg-config)
# The tests also render a report in headless Chromium and write hostile files with Python's
# standard library: TEMPCTL_SETUP_TESTS=1 adds them.
[ "${TEMPCTL_SETUP_TESTS:-0}" = 1 ] && packages+=(chromium python3 python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "tempctl setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "tempctl setup: swift is not on PATH; install Swift 6 first (https://www.swift.org/install/linux/)" >&2; exit 1; }
