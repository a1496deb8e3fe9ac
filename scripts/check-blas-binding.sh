#!/usr/bin/env bash
# Proves that the built binary resolves cblas_dgemm (and cblas_dsyrk) to OpenBLAS, not to GSL's
# reference gslcblas, which libgsl also pulls in. Uses the dynamic linker's own report.
set -euo pipefail
bin=${1:-.build/release/tempctl}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" synth --n 600 --d 8 --classes 3 -o "$tmp/s.npz" >/dev/null
LD_DEBUG=bindings LD_DEBUG_OUTPUT="$tmp/ld" "$bin" stats "$tmp/s.npz" --only silhouette,feats_corr --quiet >/dev/null
for sym in cblas_dgemm cblas_dsyrk; do
  line=$(cat "$tmp"/ld* | grep "normal symbol \`$sym'" | head -1 || true)
  if [[ -z "$line" ]]; then echo "BLAS binding check: $sym was never bound" >&2; exit 1; fi
  if [[ "$line" != *libopenblas* ]]; then echo "BLAS binding check FAILED: $line" >&2; exit 1; fi
  echo "BLAS binding check: $sym -> $(grep -o '/[^ ]*libopenblas[^ ]*' <<<"$line" | head -1)"
done
