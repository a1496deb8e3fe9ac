#!/usr/bin/env bash
# The Python package as a notebook user gets it: a fresh virtual environment, `pip install ./python`
# (which builds or reuses the release binary), torch from this machine's wheel folder, the real
# safetensors and h5py libraries, and its pytest suite (python/tests).
#   bash scripts/check-python.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(mktemp -d)/venv
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip >/dev/null
# torch: the CPU wheel of this machine's wheel folder (pip's find-links); the rest from PyPI.
"$venv/bin/pip" install -q "$root/python[test]" "torch==2.13.0+cpu" safetensors h5py 2>&1 | grep -v "^\s*$" || true
"$venv/bin/python" -c "import tempctl, torch, safetensors, h5py, pandas; print('python package', tempctl.version(), '| torch', torch.__version__)"
cd "$root/python" && "$venv/bin/python" -m pytest -q tests -p no:cacheprovider
