#!/usr/bin/env python3
"""Benchmark (issue #15): peak resident memory and wall time of `tempctl stats` and `tempctl
suggest` on one large float32 set, for this build and (optionally) an earlier one, alternating
in one run, measured with `/usr/bin/time -v`. Also checks that both builds print the same
statistics (largest relative difference) and the same suggested α.

    python3 bench/make_large_set.py --n 1000000 --d 1024 --classes 1000 -o /tmp/large.npz
    git worktree add /tmp/old <commit> && (cd /tmp/old && swift build -c release --product tempctl)
    python3 bench/memory_bench.py /tmp/large.npz [--old /tmp/old/.build/release/tempctl] [--repeats 3]
    python3 bench/memory_bench.py /tmp/large.npz --cold --commands suggest   # the file evicted before every run

Peak RSS counts the pages of the memory-mapped file that were touched: reading every row once
costs the file's size, which is the floor for a command that reads every value.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd):
    """(wall seconds, peak RSS bytes, stdout) of one run under /usr/bin/time -v."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    h, m, s = (float(wall.group(1) or 0), float(wall.group(2)), float(wall.group(3)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) * 1024
    return h * 3600 + m * 60 + s, rss, p.stdout


def evict(path):
    """Drops the file's pages from the page cache (posix_fadvise DONTNEED after a sync; as root
    also the kernel's clean caches), so the next run reads it from the disk."""
    os.sync()
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("1\n")
    except OSError:
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set")
    ap.add_argument("--old", help="an earlier build's tempctl, run alternately")
    ap.add_argument("--new", default=os.path.join(ROOT, ".build", "release", "tempctl"))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="evict the file from the page cache before every run")
    ap.add_argument("--commands", default="stats,suggest", help="which of stats,suggest to run")
    a = ap.parse_args()
    size = os.path.getsize(a.set)
    builds = [("new", a.new)] + ([("old", a.old)] if a.old else [])
    commands = {"stats": ["stats", a.set, "--format", "json", "--quiet"], "suggest": ["suggest", a.set, "--format", "json"]}
    commands = {k: v for k, v in commands.items() if k in a.commands.split(",")}
    results, outputs = {}, {}
    if not a.cold:
        subprocess.run(["cat", a.set], stdout=subprocess.DEVNULL, check=True)   # the file in the page cache for every run
    for r in range(a.repeats):
        for cmd_name, args in commands.items():
            for build, binary in builds:
                if a.cold:
                    evict(a.set)
                wall, rss, out = timed([binary] + args)
                results.setdefault((cmd_name, build), []).append((wall, rss))
                outputs[(cmd_name, build)] = json.loads(out.strip().splitlines()[-1])
                print(f"run {r + 1} {cmd_name:7s} {build}: {wall:6.2f} s  {rss / 1e9:5.2f} GB", flush=True)
    print(f"\nset: {a.set} ({size / 1e9:.2f} GB){', evicted from the page cache before every run' if a.cold else ', in the page cache'}")
    for (cmd_name, build), runs in results.items():
        walls = [w for w, _ in runs]
        peak = max(r for _, r in runs)
        print(f"  {cmd_name:7s} {build}: median {statistics.median(walls):6.2f} s (min {min(walls):.2f}, max {max(walls):.2f})"
              f"  peak RSS {peak / 1e9:5.2f} GB = {peak / size:.2f} x the file")
    if a.old:
        for cmd_name in commands:
            new, old = outputs[(cmd_name, "new")], outputs[(cmd_name, "old")]
            ns, os_ = new.get("statistics", {}), old.get("statistics", {})
            worst = max((abs(ns[k] - os_[k]) / max(abs(os_[k]), 1e-300) for k in os_ if os_[k] is not None and ns.get(k) is not None),
                        default=0.0)
            same_missing = {k for k in os_ if os_[k] is None} == {k for k in ns if ns[k] is None}
            line = f"  {cmd_name}: {len(os_)} statistics, largest relative difference new vs old {worst:.1e}, same missing: {same_missing}"
            if "alpha" in new:
                line += f", alpha new {new['alpha']} old {old['alpha']}"
            print(line)


if __name__ == "__main__":
    main()
