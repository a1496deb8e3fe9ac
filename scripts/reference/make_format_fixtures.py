#!/usr/bin/env python3
"""Files in every input format of SPEC §2, written by numpy itself, for tempctl's loader tests.

Every file holds the same data: X = arange(24).reshape(6, 4) / 8 (exact in every float type) and
labels [3, 1, 3, 7, 1, 7] (→ classes 0..2 as 1→0, 3→1, 7→2). Writes into
Tests/EmbeddingIOTests/Fixtures/.  Rerun: python3 scripts/reference/make_format_fixtures.py
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "EmbeddingIOTests", "Fixtures")
X = np.arange(24, dtype=np.float64).reshape(6, 4) / 8
Y = np.array([3, 1, 3, 7, 1, 7])


def npy(name, arr, version=None):
    with open(os.path.join(OUT, name), "wb") as f:
        np.lib.format.write_array(f, arr, version=version)


def main():
    os.makedirs(OUT, exist_ok=True)
    np.savez(os.path.join(OUT, "stored.npz"), X=X.astype(np.float32), y=Y.astype(np.int64))
    np.savez_compressed(os.path.join(OUT, "deflated.npz"), X=X.astype(np.float32), y=Y.astype(np.int32))
    np.savez(os.path.join(OUT, "named.npz"), features=X, labels=Y.astype(np.uint8))
    np.savez(os.path.join(OUT, "custom_keys.npz"), emb=X, cls=Y)
    np.savez_compressed(os.path.join(OUT, "explicit_split.npz"), X_train=X[:4].astype(np.float32), y_train=Y[:4],
                        X_val=X[4:].astype(np.float32), y_val=Y[4:])
    for name, dt in [("f2", "<f2"), ("f4be", ">f4"), ("f8", "<f8")]:
        os.makedirs(os.path.join(OUT, f"pair_{name}"), exist_ok=True)
        npy(f"pair_{name}/X.npy", X.astype(dt))
        npy(f"pair_{name}/y.npy", Y.astype(">i2" if name == "f4be" else "<i8"))
    npy("fortran_X.npy", np.asfortranarray(X))
    npy("v2_X.npy", X, version=(2, 0))
    npy("v3_X.npy", X, version=(3, 0))
    npy("y_u2.npy", Y.astype(np.uint16))
    npy("y_float.npy", Y.astype(np.float32))
    npy("y_i1.npy", Y.astype(np.int8))
    with open(os.path.join(OUT, "with_header.csv"), "w") as f:
        f.write("a,b,label,c,d\n")
        for row, lab in zip(X, ["cat", "ant", "cat", "dog", "ant", "dog"]):
            f.write(f"{row[0]},{row[1]},{lab},{row[2]},{row[3]}\n")
    with open(os.path.join(OUT, "no_header.csv"), "w") as f:
        for row, lab in zip(X, Y):
            f.write(",".join(str(v) for v in row) + f",{lab}\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
