#!/usr/bin/env python3
"""safetensors and HDF5 files written by the real libraries (safetensors, torch, h5py), for
tempctl's container tests, and what those libraries read back from them.

Each file holds 12 rows: column 0 is the row number (exact in every float type, so the test can
restore the original order after tempctl's split), the others seeded normal values rounded to
the file's dtype. `expected.npz` holds, per file stem, the features as float64 exactly as the
writing library decodes them (`<stem>_X`), each row's class index (`<stem>_classes`) and the
class names in tempctl's order (`<stem>_names`: numpy's sort of the labels, as text).

Needs: numpy, torch, safetensors, h5py.  Rerun: python3 scripts/reference/make_container_fixtures.py
"""
import os

import h5py
import numpy as np
import safetensors.numpy
import safetensors.torch
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "EmbeddingIOTests", "Fixtures", "containers")
N, D = 12, 5
rng = np.random.default_rng(20261203)
BASE = np.concatenate([np.arange(N, dtype=np.float64)[:, None], rng.normal(size=(N, D - 1))], axis=1)
INT_LABELS = np.array([3, 1, 3, 7, 1, 7, 3, 1, 7, 3, 1, 7])
STR_LABELS = np.array(["cat", "ant", "cat", "dög", "ant", "dög", "cat", "ant", "dög", "cat", "ant", "dög"])
expected = {}


def record(stem, x64, labels):
    names, classes = np.unique(labels, return_inverse=True)
    expected[f"{stem}_X"] = np.asarray(x64, dtype=np.float64)
    expected[f"{stem}_classes"] = classes.astype(np.int64)
    expected[f"{stem}_names"] = np.array([str(int(n)) if labels.dtype.kind in "iub" else str(n) for n in names])


def path(name):
    return os.path.join(OUT, name)


def main():
    os.makedirs(OUT, exist_ok=True)
    # safetensors from numpy: F32 features, I64 labels; F16 with I32; F64 under other names with U8.
    x = BASE.astype(np.float32)
    safetensors.numpy.save_file({"X": x, "y": INT_LABELS.astype(np.int64)}, path("st_f32.safetensors"))
    record("st_f32", x, INT_LABELS)
    x = BASE.astype(np.float16)
    safetensors.numpy.save_file({"X": x, "y": INT_LABELS.astype(np.int32)}, path("st_f16.safetensors"))
    record("st_f16", x, INT_LABELS)
    safetensors.numpy.save_file({"features": BASE, "labels": INT_LABELS.astype(np.uint8)}, path("st_f64.safetensors"),
                                metadata={"model": "example", "note": "features/labels keys"})
    record("st_f64", BASE, INT_LABELS)
    # safetensors from torch: BF16 features (numpy has no bfloat16), int64 labels, torch's metadata.
    xt = torch.from_numpy(BASE).to(torch.bfloat16)
    safetensors.torch.save_file({"X": xt, "y": torch.from_numpy(INT_LABELS)}, path("st_bf16.safetensors"), metadata={"format": "pt"})
    record("st_bf16", xt.to(torch.float64).numpy(), INT_LABELS)
    # a bool label tensor (two classes)
    bools = INT_LABELS > 2
    safetensors.torch.save_file({"X": torch.from_numpy(BASE.astype(np.float32)), "y": torch.from_numpy(INT_LABELS == 3)},
                                path("st_bool.safetensors"))
    record("st_bool", BASE.astype(np.float32), (INT_LABELS == 3))

    # HDF5 through h5py: float32 + int64; float16 chunked and gzip-compressed + bool labels;
    # variable-length UTF-8 string labels; fixed-length byte strings; a nested group; a label column.
    with h5py.File(path("h5_f32.h5"), "w") as f:
        f.create_dataset("X", data=BASE.astype(np.float32))
        f.create_dataset("y", data=INT_LABELS)
        f.create_group("meta").attrs["model"] = "example"
    record("h5_f32", BASE.astype(np.float32), INT_LABELS)
    with h5py.File(path("h5_f16_gzip.hdf5"), "w") as f:
        f.create_dataset("X", data=BASE.astype(np.float16), chunks=(4, D), compression="gzip")
        f.create_dataset("y", data=INT_LABELS == 3)
    record("h5_f16_gzip", BASE.astype(np.float16), INT_LABELS == 3)
    with h5py.File(path("h5_strings.h5"), "w") as f:
        f.create_dataset("features", data=BASE)
        f.create_dataset("labels", data=STR_LABELS.tolist(), dtype=h5py.string_dtype("utf-8"))
    record("h5_strings", BASE, STR_LABELS)
    with h5py.File(path("h5_fixed_strings.h5"), "w") as f:
        f.create_dataset("X", data=BASE.astype(np.float32))
        f.create_dataset("y", data=np.array([s.encode() for s in STR_LABELS]))
    record("h5_fixed_strings", BASE.astype(np.float32), STR_LABELS)
    with h5py.File(path("h5_nested.h5"), "w") as f:
        g = f.create_group("embeddings")
        g.create_dataset("vectors", data=BASE.astype(np.float32))
        g.create_dataset("targets", data=INT_LABELS.reshape(N, 1).astype(np.int16))
    record("h5_nested", BASE.astype(np.float32), INT_LABELS)

    # refused: a compound (struct) features dataset
    with h5py.File(path("h5_compound.h5"), "w") as f:
        f.create_dataset("X", data=np.zeros(N, dtype=[("a", "<f4"), ("b", "<i4")]))
        f.create_dataset("y", data=INT_LABELS)

    np.savez(path("expected.npz"), **expected)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
