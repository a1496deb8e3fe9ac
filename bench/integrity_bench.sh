#!/usr/bin/env bash
# Benchmark: what checking every .npz member costs (issue #11). Since the strict zip reader, a
# stored member read in place is CRC-checked over the memory map (on all cores), and a deflated
# member is inflated by zlib under its header's bounds instead of by ZIPFoundation.
# Times `tempctl suggest` (the command whose cost is dominated by reading) with this build and
# with a build of an earlier commit, alternating, on one synthetic float32 set written as
# np.savez (stored) and np.savez_compressed (deflated) would; medians, and peak RSS from
# /usr/bin/time -v.
#
#   bash bench/integrity_bench.sh OLD_TEMPCTL [N] [D] [REPEATS]
#   (e.g. git worktree add /tmp/old 5265c38 && (cd /tmp/old && swift build -c release);
#    bash bench/integrity_bench.sh /tmp/old/.build/release/tempctl 200000 1024 3)
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1; n=${2:-200000}; d=${3:-1024}; repeats=${4:-3}
new=$(pwd)/.build/release/tempctl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$new" synth --n "$n" --d "$d" --classes 100 --seed 1 -o "$tmp/stored.npz" > /dev/null
python3 - "$tmp/stored.npz" "$tmp/deflated.npz" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED, allowZip64=True) as dst:
    for info in src.infolist():
        with src.open(info) as f, dst.open(info.filename, "w", force_zip64=True) as g:
            while chunk := f.read(1 << 24):
                g.write(chunk)
PY
ls -l "$tmp"/*.npz | awk '{printf "%s %.0f MB\n", $NF, $5 / 1e6}'
for file in stored deflated; do
  for which in old new; do : > "$tmp/$which-$file.times"; done
  for r in $(seq "$repeats"); do
    for which in old new; do
      bin=$old; [ $which = new ] && bin=$new
      /usr/bin/time -v "$bin" suggest "$tmp/$file.npz" --format json > "$tmp/$which.out" 2> "$tmp/time.txt"
      wall=$(grep "Elapsed (wall clock)" "$tmp/time.txt" | awk '{print $NF}' | awk -F: '{print $(NF-1) * 60 + $NF}')
      rss=$(grep "Maximum resident set size" "$tmp/time.txt" | awk '{print $NF}')
      echo "$wall $rss" >> "$tmp/$which-$file.times"
    done
    cmp -s "$tmp/old.out" "$tmp/new.out" || { echo "the two builds suggest different values"; cat "$tmp/old.out" "$tmp/new.out"; exit 1; }
  done
  for which in old new; do
    sort -n "$tmp/$which-$file.times" | awk -v w="$which" -v f="$file" '{t[NR]=$1; m=($2>m?$2:m)} END {printf "  %-9s %-4s median %6.2f s  (min %.2f, max %.2f)  peak RSS %5.0f MB\n", f, w, t[int((NR+1)/2)], t[1], t[NR], m/1024}'
  done
done
echo "same suggested α and statistics from both builds"
