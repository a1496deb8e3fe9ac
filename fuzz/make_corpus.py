#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus (fuzz/corpus/<target>/): valid files of every variant the
parsers accept and broken ones they must refuse, small enough for libFuzzer to mutate quickly.
Standard library only; run once, the output is committed.

    python3 fuzz/make_corpus.py
"""
import io
import os
import shutil
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIX = os.path.join(ROOT, "Tests/EmbeddingIOTests/Fixtures")


def npy(shape, payload, descr="<f4", version=1, fortran=False):
    shape_text = "(%s)" % ("".join("%d," % s for s in shape) if len(shape) == 1 else ", ".join(map(str, shape)))
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape_text)
    lead = 10 if version == 1 else 12
    header += " " * (63 - (lead + len(header)) % 64) + "\n"
    size = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + size + header.encode("latin1" if version < 3 else "utf8") + payload


def member(name, compress=zipfile.ZIP_STORED):
    """A zip entry with a fixed date, so that the files are the same on every run."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = compress
    return info


def put(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, name), "wb").write(data)


def regression(target, name, data):
    d = os.path.join(HERE, "regressions", target)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, name), "wb").write(data)


def patch_member(data, member, local_fn, central_fn):
    """Applies local_fn / central_fn(bytearray, header offset) to the headers of `member`."""
    b = bytearray(data)
    for sig, fn, name_at, len_at in ((b"PK\x03\x04", local_fn, 30, 26), (b"PK\x01\x02", central_fn, 46, 28)):
        o = b.find(sig)
        while o >= 0:
            n = struct.unpack_from("<H", b, o + len_at)[0]
            if bytes(b[o + name_at:o + name_at + n]) == member.encode():
                fn(b, o)
            o = b.find(sig, o + 4)
    return bytes(b)


def regressions():
    """The inputs of issue #11's report, which crashed, allocated without bound or were read as
    garbage before the zip reader was rewritten; replayed by scripts/fuzz.sh on every run."""
    shutil.rmtree(os.path.join(HERE, "regressions"), ignore_errors=True)
    x = npy([100, 4], struct.pack("<400f", *[i % 17 for i in range(400)]))
    y = npy([100], struct.pack("<100q", *[i % 3 for i in range(100)]), "<i8")
    def npz(arrays, method):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", method) as z:
            for k, v in arrays:
                z.writestr(member(k + ".npy", method), v)
        return b.getvalue()
    stored, deflated = npz([("X", x), ("y", y)], zipfile.ZIP_STORED), npz([("X", x), ("y", y)], zipfile.ZIP_DEFLATED)
    # A member claiming 4 GB (trapped in Data(capacity:)).
    def claim(size):
        return (lambda b, o: struct.pack_into("<II", b, o + 18, size, size)), (lambda b, o: struct.pack_into("<II", b, o + 20, size, size))
    regression("npz", "claims-4GB.npz", patch_member(stored, "X.npy", *claim(0xFFFFFFF0)))
    # A deflated member claiming 1 KB that inflates to 16 MiB (inflated without bound).
    bomb = npz([("X", npy([1 << 20, 4], b"\0" * (16 << 20))), ("y", y)], zipfile.ZIP_DEFLATED)
    regression("npz", "bomb-16MiB-claims-1KB.npz", patch_member(bomb, "X.npy",
               lambda b, o: struct.pack_into("<I", b, o + 22, 1024), lambda b, o: struct.pack_into("<I", b, o + 24, 1024)))
    # Corrupt deflated data, and a wrong CRC in both headers (read as garbage, exit 0).
    corrupt = bytearray(deflated)
    corrupt[deflated.find(b"PK\x03\x04") + 30 + 5 + 40] ^= 0x55
    regression("npz", "corrupt-deflate.npz", bytes(corrupt))
    flip = lambda at: (lambda b, o: b.__setitem__(o + at, b[o + at] ^ 0xFF))
    regression("npz", "wrong-crc-stored.npz", patch_member(stored, "X.npy", flip(14), flip(16)))
    regression("npz", "wrong-crc-deflated.npz", patch_member(deflated, "X.npy", flip(14), flip(16)))
    # zip64 with sizes and offset in one extra field (read as "nothing").
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        with z.open(member("X.npy"), "w", force_zip64=True) as f:
            f.write(x)
        with z.open(member("y.npy"), "w", force_zip64=True) as f:
            f.write(y)
    regression("npz", "zip64-force.npz", b.getvalue())
    # An .npy with extra bytes after its data (silently ignored).
    regression("npy", "trailing-bytes.npy", x + b"\0" * 16)


def main():
    regressions()
    shutil.rmtree(os.path.join(HERE, "corpus"), ignore_errors=True)
    x = struct.pack("<12f", *[i / 8 for i in range(12)])
    y = struct.pack("<3q", 0, 1, 0)
    put("npy", "f4.npy", npy([3, 4], x))
    put("npy", "f8_v2.npy", npy([3, 2], struct.pack("<6d", *range(6)), "<f8", version=2))
    put("npy", "f2_be_v3.npy", npy([2, 2], struct.pack(">4e", 1, 2, 3, 4), ">f2", version=3))
    put("npy", "fortran.npy", npy([2, 3], struct.pack("<6f", *range(6)), fortran=True))
    put("npy", "i8.npy", npy([3], y, "<i8"))
    put("npy", "u1.npy", npy([4], bytes([1, 2, 3, 4]), "|u1"))
    put("npy", "U3.npy", npy([2], "ab".encode("utf-32-le") + b"\0" * 4 + "c".encode("utf-32-le") + b"\0" * 8, "<U3"))
    put("npy", "b1.npy", npy([3], bytes([0, 1, 1]), "|b1"))
    put("npy", "S2.npy", npy([2], b"abc\0", "|S2"))
    put("npy", "truncated.npy", npy([3, 4], x)[:-5])
    put("npy", "trailing.npy", npy([3, 4], x) + b"\0\0")
    put("npy", "structured.npy", npy([1], b"\0" * 8, "<f4").replace(b"'descr': '<f4'", b"'descr': [('a', '<f4')]"))
    for f in ("fortran_X.npy", "v2_X.npy", "v3_X.npy", "y_float.npy", "y_i1.npy", "y_u2.npy"):
        put("npy", f, open(os.path.join(FIX, f), "rb").read())

    for f in ("stored.npz", "deflated.npz", "named.npz", "custom_keys.npz", "explicit_split.npz"):
        put("npz", f, open(os.path.join(FIX, f), "rb").read())
    for compress, name in ((zipfile.ZIP_STORED, "stored64.npz"), (zipfile.ZIP_DEFLATED, "deflated64.npz")):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", compress) as z:
            with z.open(member("X.npy", compress), "w", force_zip64=True) as f:
                f.write(npy([3, 4], x))
            z.writestr(member("y.npy", compress), npy([3], y, "<i8"))
        put("npz", name, b.getvalue())
    cont = os.path.join(FIX, "containers")
    for f in sorted(os.listdir(cont)):
        if f.endswith(".safetensors"):
            put("safetensors", f, open(os.path.join(cont, f), "rb").read())
    put("safetensors", "empty-header.safetensors", (2).to_bytes(8, "little") + b"{}")
    put("npz", "empty.zip", b"PK\x05\x06" + b"\0" * 18)
    put("npz", "truncated.npz", open(os.path.join(FIX, "stored.npz"), "rb").read()[:200])

    for f in ("no_header.csv", "with_header.csv"):
        put("csv", f, open(os.path.join(FIX, f), "rb").read())
    put("csv", "quoted.csv", b'"a","b","label"\n1,"2",x\n"3",4,"y, z"\n')
    put("csv", "ragged.csv", b"a,b,label\n1,2\n3,4,y\n")
    put("csv", "nan.csv", b"1,nan,0\n2,3,1\n")

    put("zoo", "zoo.json", open(os.path.join(ROOT, "Examples/zoo/zoo.json"), "rb").read()[:4000].rsplit(b"},", 1)[0] + b"}]}")
    put("zoo", "minimal.json", b'{"sets": [{"path": "a.npz"}]}')
    put("zoo", "escaping.json", b'{"sets": [{"name": "/../x", "path": "../../etc/passwd"}, {"name": "b", "path": "a.npz"}]}')
    put("zoo", "unicode.json", '{"sets": [{"name": "\u00e9\\u0000", "dataset": 3, "path": "a.npz"}]}'.encode())

    put("plugins", "plugins.json", open(os.path.join(ROOT, "plugins.json"), "rb").read())
    put("plugins", "options.json", b'{"statistics": [{"id": "pca_90", "enabled": true, "options": {"max_samples": 100}}, {"id": "dim"}]}')
    put("plugins", "bad.json", b'{"statistics": [{"id": "nope"}, {"id": 3}], "x": [1e999, -0, "\\ud800"]}')


if __name__ == "__main__":
    main()
