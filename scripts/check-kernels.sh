#!/usr/bin/env bash
# CKernels is compiled for AVX-512, AVX2 and baseline x86-64 and picks one at load time. This
# builds the kernels once per instruction set (clones off), runs each build the CPU can execute
# on the same inputs, and fails unless every build prints the same digest of the output bits.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -m)" = x86_64 ] || { echo "kernels check: not x86-64, skipped"; exit 0; }
CC=$(command -v clang || true)
[ -n "$CC" ] || { echo "kernels check: no clang on PATH" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
flags=$(grep -m1 '^flags' /proc/cpuinfo)
digests=()
for arch in x86-64 x86-64-v3 x86-64-v4; do
  case $arch in
    x86-64-v3) [[ $flags == *" avx2 "* && $flags == *" fma "* ]] || continue ;;
    x86-64-v4) [[ $flags == *" avx512f "* && $flags == *" avx512bw "* ]] || continue ;;
  esac
  "$CC" -O2 -march="$arch" -DTEMPCTL_NO_CLONES -ISources/CKernels/include \
    Sources/CKernels/kernels.c scripts/kernels/driver.c -lm -o "$tmp/k-$arch"
  d=$("$tmp/k-$arch")
  echo "kernels $arch: $d"
  digests+=("$d")
done
[ "$(printf '%s\n' "${digests[@]}" | sort -u | wc -l)" -eq 1 ] || { echo "kernels check FAILED: the builds differ" >&2; exit 1; }
echo "kernels check: ${#digests[@]} instruction sets, identical results"
