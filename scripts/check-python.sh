#!/usr/bin/env bash
# The Python package as a notebook user gets it: a fresh virtual environment, `pip install ./python`
# (which builds or reuses the release binary), torch from this machine's wheel folder, the real
# safetensors and h5py libraries, and its pytest suite (python/tests).
#   bash scripts/check-python.sh
# Every step is bounded: pip's network waits (--timeout, two attempts of at most 10 minutes) and
# pytest (10 minutes), so a stalled download fails this check with one line instead of hanging
# the test command.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(mktemp -d)/venv
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
pip_install() {
  local attempt start log=$venv/../pip.log
  for attempt in 1 2; do
    start=$(date +%s)
    if timeout --kill-after=30 600 "$venv/bin/pip" install -q --timeout 30 --retries 3 "$@" > "$log" 2>&1; then
      grep -v "^\s*$" "$log" || true
      echo "pip install $*: $(( $(date +%s) - start )) s"
      return 0
    fi
    tail -5 "$log"
    echo "pip install $* failed or timed out after $(( $(date +%s) - start )) s (attempt $attempt of 2)"
  done
  echo "python check FAILED: pip could not install $* (PyPI unreachable or too slow?)" >&2
  return 1
}
# torch: the CPU wheel of this machine's wheel folder (pip's find-links); the rest from PyPI.
pip_install "$root/python[test]" "torch==2.13.0+cpu" safetensors h5py
"$venv/bin/python" -c "import tempctl, torch, safetensors, h5py, pandas; print('python package', tempctl.version(), '| torch', torch.__version__)"
cd "$root/python" && timeout --kill-after=30 600 "$venv/bin/python" -m pytest -q tests -p no:cacheprovider
