#!/usr/bin/env python3
"""Hostile and degenerate input, end to end, as docs/formats.md's bad-input table promises.

Every case runs the release binary under a 4 GiB address-space cap and checks: the exit code
(non-zero for an error, zero where a warning was documented), no crash (no signal, no trap),
one clear line on standard error (plus warnings), the promised words in it, and nothing written
outside the case's output folder. Files are made here with the standard library only (zipfile,
zlib, struct), byte by byte where a case needs a lie in a header.

    python3 scripts/check-hostile.py [path/to/tempctl]
"""
import json
import re
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/tempctl"))
CAP = 4 << 30
failures = []


def npy(shape, payload, descr="<f4"):
    """An NPY 1.0 file: header padded to 64 bytes, then `payload` as given."""
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, "".join("%d, " % s for s in shape) if len(shape) == 1 else ", ".join(map(str, shape)))
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + payload


def f32(values):
    return struct.pack("<%df" % len(values), *values)


def i64(values):
    return struct.pack("<%dq" % len(values), *values)


def features(n, d, seed):
    """Deterministic, non-degenerate features: n × d float32."""
    out = []
    for i in range(n):
        for j in range(d):
            x = ((i * 2654435761 + j * 40503 + seed * 97) % 10007) / 10007.0
            out.append(x - 0.5 + (0.3 if (i % 3) == j % 3 else 0.0))
    return out


def good_arrays(n=90, d=6, classes=3, seed=1):
    return {"X": npy([n, d], f32(features(n, d, seed))), "y": npy([n], i64([i % classes for i in range(n)]), "<i8")}


def write_npz(path, arrays, compress=False):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as z:
        for k, v in arrays.items():
            z.writestr(k + ".npy", v)


def patch_headers(data, member, fn):
    """Applies fn(bytearray, offset, is_local) to the local and central headers of `member`."""
    b = bytearray(data)
    name = member.encode()
    for sig, local in ((b"PK\x03\x04", True), (b"PK\x01\x02", False)):
        o = b.find(sig)
        while o >= 0:
            name_at = o + (30 if local else 46)
            nlen = struct.unpack_from("<H", b, o + (26 if local else 28))[0]
            if bytes(b[name_at:name_at + nlen]) == name:
                fn(b, o, local)
            o = b.find(sig, o + 4)
    return bytes(b)


def set_sizes(size):
    def fn(b, o, local):
        if local:
            struct.pack_into("<II", b, o + 18, *((size if size is not None else struct.unpack_from("<I", b, o + 18)[0]), size))
        else:
            struct.pack_into("<I", b, o + 24, size)
    return fn


def run(case, args, *, expect_ok=False, words=(), out_dir=None, env=None, user=None):
    """Runs tempctl under the address-space cap and checks the outcome."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
    cmd = [BIN] + args
    if user:
        cmd = ["setpriv", "--reuid=%d" % user, "--regid=%d" % user, "--clear-groups"] + cmd
    watched = out_dir or os.getcwd()
    before = snapshot(os.path.dirname(watched))
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600, preexec_fn=limit, env=env)
    except subprocess.TimeoutExpired:
        failures.append("%s: hung (more than 600 s)" % case)
        return None
    after = snapshot(os.path.dirname(watched))
    problems = []
    if p.returncode < 0 or p.returncode >= 128:
        problems.append("crashed (exit %d)" % p.returncode)
    elif expect_ok and p.returncode != 0:
        problems.append("exit %d, expected 0" % p.returncode)
    elif not expect_ok and p.returncode == 0:
        problems.append("exit 0, expected an error")
    errors = [l for l in p.stderr.splitlines() if l.strip() and not l.startswith("warning:")]
    text = p.stderr if expect_ok else "\n".join(errors)
    if not expect_ok and len(errors) != 1 and not any(l.startswith("Error: The value") for l in errors):
        problems.append("%d error lines, expected 1: %r" % (len(errors), errors[:4]))
    for w in words:
        if w not in text:
            problems.append("standard error lacks %r: %r" % (w, text[:400]))
    for bad in ("NSError", "Foundation.", "SQLite error", "EncodingError", "Fatal error", "Usage:"):
        if bad in p.stderr:
            problems.append("raw error text %r" % bad)
    if re.search(r"(?<![\w.])-?(nan|inf|infinity)(?![\w.])", p.stdout, re.IGNORECASE):
        problems.append("a non-finite number in the results: %r" % p.stdout[:300])
    outside = {f for f in after - before if not f.startswith(watched + os.sep) and f != watched}
    if outside:
        problems.append("wrote outside its folder: %s" % sorted(outside)[:3])
    status = "ok" if not problems else "FAIL"
    first = (errors or p.stderr.splitlines() or [""])[0]
    print("%-44s %s  exit %-3d %s" % (case, status, p.returncode, first[:110]))
    for pr in problems:
        failures.append("%s: %s" % (case, pr))
        print("    " + pr)
    return p


def snapshot(top):
    out = set()
    for d, _, files in os.walk(top):
        for f in files:
            out.add(os.path.join(d, f))
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="tempctl-hostile-")
    work = os.path.join(tmp, "work")
    os.makedirs(work)
    os.chdir(work)
    store = ["--store", os.path.join(work, "s.sqlite")]
    fast = ["--alphas", "1,16", "--quiet"] + store

    # --- containers -------------------------------------------------------------------------
    g = good_arrays()
    write_npz("good.npz", g)
    write_npz("good_deflated.npz", g, compress=True)
    run("good .npz reads", ["stats", "good.npz", "--only", "dim"], expect_ok=True)
    run("good deflated .npz reads", ["stats", "good_deflated.npz", "--only", "dim"], expect_ok=True)

    raw = open("good.npz", "rb").read()
    x_at = raw.find(b"\x93NUMPY")  # X.npy is first
    flipped = bytearray(raw)
    flipped[x_at + 200] ^= 0x20  # one float changes; shape and finiteness intact
    open("flipped_stored.npz", "wb").write(bytes(flipped))
    run("stored member, one byte flipped", ["stats", "flipped_stored.npz"], words=["X.npy", "CRC-32"])

    d = bytearray(open("good_deflated.npz", "rb").read())
    d[d.find(b"PK\x03\x04") + 30 + 5 + 60] ^= 0x5A
    open("flipped_deflated.npz", "wb").write(bytes(d))
    run("deflated member, one byte flipped", ["stats", "flipped_deflated.npz"], words=["X.npy"])

    open("huge_claim.npz", "wb").write(patch_headers(raw, "X.npy", set_sizes(0xFFFFFFF0)))
    run("stored member claims 4 GB", ["stats", "huge_claim.npz"], words=["X.npy"])

    bomb = {"X": npy([1 << 24, 16], b"\0" * ((1 << 24) * 64)), "y": g["y"]}
    write_npz("bomb.npz", bomb, compress=True)
    bomb_bytes = patch_headers(open("bomb.npz", "rb").read(), "X.npy", set_sizes(4096))
    open("bomb.npz", "wb").write(bomb_bytes)
    run("deflate bomb claiming 4 KB (1 GiB inside)", ["stats", "bomb.npz"], words=["X.npy"])

    # An honest member too large for the cap: 500000 × 1024 float32 zeros (2 GB) in a 2 MB file.
    with zipfile.ZipFile("honest_bomb.npz", "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("X.npy", "w", force_zip64=True) as f:
            f.write(npy([500000, 1024], b""))
            left = 500000 * 1024 * 4
            while left:
                f.write(b"\0" * min(left, 1 << 24))
                left -= min(left, 1 << 24)
        z.writestr("y.npy", npy([500000], i64([i % 3 for i in range(500000)]), "<i8"))
    run("2 GB of honest zeros in a 2 MB file, 4 GiB cap", ["stats", "honest_bomb.npz"], words=["honest_bomb.npz"])

    lying_name = bytearray(raw)
    o = lying_name.find(b"PK\x03\x04")
    lying_name[o + 30] = ord("Z")  # local header names Z.npy, the directory X.npy
    open("local_vs_central.npz", "wb").write(bytes(lying_name))
    run("local header disagrees with directory", ["stats", "local_vs_central.npz"], words=["X.npy", "local header"])

    open("truncated.npz", "wb").write(raw[: len(raw) // 2])
    run("truncated .npz", ["stats", "truncated.npz"], words=["truncated.npz"])

    # --- safetensors and HDF5 -----------------------------------------------------------------
    def safetensors(path, header, buffer, claimed=None):
        text = json.dumps(header).encode()
        with open(path, "wb") as f:
            f.write(struct.pack("<Q", len(text) if claimed is None else claimed) + text + buffer)

    n, dim = 90, 6
    xs, ys = f32(features(n, dim, 1)), i64([i % 3 for i in range(n)])
    good_header = {"X": {"dtype": "F32", "shape": [n, dim], "data_offsets": [0, len(xs)]},
                   "y": {"dtype": "I64", "shape": [n], "data_offsets": [len(xs), len(xs) + len(ys)]},
                   "__metadata__": {"format": "np"}}
    safetensors("good.safetensors", good_header, xs + ys)
    run("good .safetensors reads", ["stats", "good.safetensors", "--only", "dim"], expect_ok=True)
    safetensors("st_truncated.safetensors", good_header, (xs + ys)[:-9])
    run(".safetensors truncated", ["stats", "st_truncated.safetensors"], words=["truncated"])
    safetensors("st_claim.safetensors", good_header, xs + ys, claimed=1 << 40)
    run(".safetensors header claims 1 TB", ["stats", "st_claim.safetensors"], words=["header claims"])
    lying = json.loads(json.dumps(good_header))
    lying["X"]["shape"] = [1 << 30, 1 << 20]
    safetensors("st_shape.safetensors", lying, xs + ys)
    run(".safetensors shape larger than its bytes", ["stats", "st_shape.safetensors"], words=["'X'", "bytes"])
    overlap = json.loads(json.dumps(good_header))
    overlap["y"]["data_offsets"] = [len(xs) - 8, len(xs) + len(ys) - 8]
    safetensors("st_overlap.safetensors", overlap, xs + ys)
    run(".safetensors tensors overlap", ["stats", "st_overlap.safetensors"], words=["overlaps"])
    with open("not_hdf5.h5", "wb") as f:
        f.write(b"\x89HDF\r\n\x1a\n" + b"\xff" * 600)  # the signature, then garbage
    run("HDF5 signature then garbage", ["stats", "not_hdf5.h5"], words=["not_hdf5.h5", "HDF5"])

    os.makedirs("pair", exist_ok=True)
    open("pair/X.npy", "wb").write(g["X"] + b"\0\0\0\0")
    open("pair/y.npy", "wb").write(g["y"])
    run(".npy with trailing bytes", ["stats", "--features", "pair/X.npy", "--labels", "pair/y.npy"], words=["too many"])
    open("pair/X.npy", "wb").write(g["X"][:-8])
    run("truncated .npy", ["stats", "--features", "pair/X.npy", "--labels", "pair/y.npy"], words=["truncated"])
    open("pair/X.npy", "wb").write(npy([1 << 40, 1 << 40], b""))
    run(".npy claiming 2^80 elements", ["stats", "--features", "pair/X.npy", "--labels", "pair/y.npy"], words=["more than 2^63"])
    run("a lone .npy", ["stats", "pair/y.npy"], words=["--features X.npy --labels y.npy"])

    open("nan.csv", "w").write("a,b,label\n1,2,x\n3,nan,y\n5,6,x\n7,8,y\n")
    run("CSV with NaN", ["stats", "nan.csv"], words=["row 3, column 2"])

    # --- degenerate data ----------------------------------------------------------------------
    n = 40
    write_npz("own_class.npz", {"X": npy([n, 4], f32(features(n, 4, 2))), "y": npy([n], i64(list(range(n))), "<i8")})
    run("every sample its own class", ["optimum", "own_class.npz"] + fast, words=["fewer than 2 per class"])
    write_npz("unseen.npz", {"X_train": npy([30, 4], f32(features(30, 4, 3))), "y_train": npy([30], i64([i % 3 for i in range(30)]), "<i8"),
                             "X_val": npy([10, 4], f32(features(10, 4, 4))), "y_val": npy([10], i64([7] * 10), "<i8")})
    run("validation labels never in training", ["optimum", "unseen.npz"] + fast, words=["never occur", "in training"])
    write_npz("zeros.npz", {"X": npy([60, 5], f32([0.0] * 300)), "y": npy([60], i64([i % 3 for i in range(60)]), "<i8")})
    run("all-zero X", ["optimum", "zeros.npz"] + fast, words=["zero"])
    write_npz("constant.npz", {"X": npy([60, 3], f32([1.5, -2.0, 0.25] * 60)), "y": npy([60], i64([i % 3 for i in range(60)]), "<i8")})
    run("constant X", ["stats", "constant.npz"], words=["same way"])
    labels = [i % 3 for i in range(89)] + [5]
    write_npz("singleton.npz", {"X": g["X"], "y": npy([90], i64(labels), "<i8")})
    p = run("a singleton class (warning)", ["stats", "singleton.npz", "--only", "dim"], expect_ok=True, words=["warning:", "single sample"])

    # --- options ------------------------------------------------------------------------------
    for a in ("1e20", "1e39", "1e-45", "0", "-3", "nan"):
        run("--alphas %s" % a, ["optimum", "good.npz", "--alphas", a, "--quiet"] + store, words=["--alphas"])
    run("--shard 3/2", ["sweep", "good.npz", "--shard", "3/2"] + fast, words=["0-based"])
    run("--shard x", ["sweep", "good.npz", "--shard", "x"] + fast, words=["i/n"])
    run("synth into a missing folder", ["synth", "--n", "20", "--d", "2", "--classes", "2", "-o", "/nonexistent/x.npz"], words=["does not exist"])
    run("suggest with an unreadable model", ["suggest", "good.npz", "--model", "nope.json"], words=["nope.json"])
    p = run("suggest: one bad set of three", ["suggest", "good.npz", "truncated.npz", "good_deflated.npz", "--format", "csv"],
            words=["truncated.npz"])
    if p is not None and (p.stdout.count("\n") < 3 or "Usage" in p.stderr):
        failures.append("suggest: the good sets' results were not all printed: %r" % p.stdout)

    # --- manifests, paths, study design --------------------------------------------------------
    zoo_dir = os.path.join(tmp, "zoo")
    os.makedirs(zoo_dir)
    out_dir = os.path.join(zoo_dir, "out")
    names = ["/../../escaped", "a/b", "<i>x</i>", "x" * 300, ".hidden", "a_b"]
    sets = []
    # Two sets per hostile group name, with enough classes that accuracy depends on α (a flat
    # curve would keep a set out of the study).
    for i, name in enumerate(names):
        for e in range(2):
            k = 2 * i + e
            path = os.path.join(zoo_dir, "s%d.npz" % k)
            r = k % 9 + 1  # scripts/check-study.sh's recipe
            subprocess.run([BIN, "synth", "--n", str(500 + 40 * r), "--d", str(4 * r + 20), "--classes", str(10 + 2 * (r % 4)),
                            "--spread", "0.%d" % (4 + r % 4), "--imbalance", "4", "--seed", str(k), "-o", path],
                           check=True, capture_output=True)
            sets.append({"name": "%s/e%d" % (name, e), "dataset": name, "extractor": "e%d" % e, "path": "s%d.npz" % k})
    json.dump({"sets": sets}, open(os.path.join(zoo_dir, "zoo.json"), "w"))
    zoo_store = ["--store", os.path.join(out_dir, "s.sqlite")]
    os.makedirs(out_dir)
    run("study with hostile names", ["study", "--zoo", os.path.join(zoo_dir, "zoo.json"), "--alphas", "1,4,16,64,128", "--k", "1", "--quiet",
                                     "--out", os.path.join(out_dir, "report"), "--model-out", os.path.join(out_dir, "m.json")] + zoo_store,
        expect_ok=True, out_dir=out_dir)
    escaped = [f for f in snapshot(tmp) if "escaped" in f and not f.startswith(out_dir)]
    if escaped:
        failures.append("hostile names: files outside --out: %s" % escaped)

    json.dump({"sets": [{"name": "e", "path": "../work/good.npz"}]}, open(os.path.join(zoo_dir, "out.json"), "w"))
    run("manifest path leaving its folder", ["stats", "--zoo", os.path.join(zoo_dir, "out.json")], words=["--allow-outside-paths"])
    run("... allowed", ["stats", "--zoo", os.path.join(zoo_dir, "out.json"), "--allow-outside-paths", "--only", "dim"], expect_ok=True)
    json.dump({"sets": [{"name": "a", "path": "s0.npz"}, {"name": "b", "path": "./s0.npz"}]}, open(os.path.join(zoo_dir, "twice.json"), "w"))
    run("the same file twice (warning)", ["stats", "--zoo", os.path.join(zoo_dir, "twice.json"), "--only", "dim"], expect_ok=True,
        words=["warning:", "same file"])
    one_group = [dict(s, dataset="g") for s in sets]
    json.dump({"sets": one_group}, open(os.path.join(zoo_dir, "one_group.json"), "w"))
    run("study on one dataset group", ["study", "--zoo", os.path.join(zoo_dir, "one_group.json")] + fast, words=["3 dataset groups"])
    run("select --k 12 on 12 sets", ["select", "--zoo", os.path.join(zoo_dir, "zoo.json"), "--k", "12"] + fast, words=["--k 12"])
    run("select --k 9 on 12 sets (folds fit on 10)", ["select", "--zoo", os.path.join(zoo_dir, "zoo.json"), "--k", "9"] + fast,
        words=["at most --k 8"])

    # --- stores ------------------------------------------------------------------------------
    a, b = os.path.join(work, "a.sqlite"), os.path.join(work, "b.sqlite")
    run("sweep A", ["sweep", "good.npz", "--alphas", "1,4", "--quiet", "--store", a], expect_ok=True)
    run("sweep A, second configuration", ["sweep", "good.npz", "--alphas", "2,8", "--quiet", "--store", a], expect_ok=True)
    run("sweep B", ["sweep", "good_deflated.npz", "--alphas", "1,4", "--protocol", "paper", "--epochs", "3", "--quiet", "--store", b], expect_ok=True)
    run("merge two configurations + another", ["merge", a, b, "-o", os.path.join(work, "ab.sqlite")], expect_ok=True)
    run("merge with the output as an input", ["merge", a, b, "-o", a], words=["both an input and the output"])
    bad_out = os.path.join(work, "never.sqlite")
    run("merge of a non-store", ["merge", a, "good.npz", "-o", bad_out], words=["good.npz"])
    if os.path.exists(bad_out):
        failures.append("merge left %s behind after failing" % bad_out)
    if os.geteuid() == 0 and shutil.which("setpriv"):
        ro = os.path.join(tmp, "ro")
        os.makedirs(ro)
        shutil.copy(os.path.join(zoo_dir, "s1.npz"), os.path.join(ro, "good.npz"))
        run("sweep for the read-only store", ["sweep", os.path.join(ro, "good.npz"), "--alphas", "1,4", "--quiet", "--store",
                                              os.path.join(ro, "a.sqlite")], expect_ok=True, out_dir=ro)
        os.chmod(os.path.join(ro, "a.sqlite"), 0o444)
        os.chmod(ro, 0o555)
        os.chmod(tmp, 0o755)
        run("read-only store, everything cached (user nobody)",
            ["optimum", os.path.join(ro, "good.npz"), "--alphas", "1,4", "--quiet", "--store", os.path.join(ro, "a.sqlite")],
            expect_ok=True, user=65534, out_dir=ro)
        run("read-only store, a unit missing (user nobody)",
            ["optimum", os.path.join(ro, "good.npz"), "--alphas", "1,4,9", "--quiet", "--store", os.path.join(ro, "a.sqlite")],
            words=["read-only"], user=65534, out_dir=ro)
        os.chmod(ro, 0o755)

    shutil.rmtree(tmp, ignore_errors=True)
    print()
    if failures:
        print("%d hostile-input check(s) failed:" % len(failures))
        for f in failures:
            print("  " + f)
        sys.exit(1)
    print("hostile-input check: every case refused with one line, warned as documented, or read correctly")


if __name__ == "__main__":
    main()
