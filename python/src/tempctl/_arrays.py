"""Handing arrays to tempctl: numpy arrays, anything with `__array__`, and DLPack producers
(PyTorch, JAX, CuPy on the CPU) are written to a temporary file tempctl reads in place."""
from __future__ import annotations

import json
import os
import struct
import tempfile
from contextlib import contextmanager
from typing import Any, Iterator, List

import numpy as np


def as_numpy(a: Any) -> np.ndarray:
    """A numpy view of `a` without a copy where possible: numpy arrays as they are, CPU tensors
    through DLPack (`np.from_dlpack`) or `.numpy()`, other objects through `__array__`."""
    if isinstance(a, np.ndarray):
        return a
    if hasattr(a, "detach") and hasattr(a, "cpu"):  # torch.Tensor: no grad, on the CPU (a copy only from an accelerator)
        a = a.detach()
        if getattr(a, "device", None) is not None and str(a.device) != "cpu":
            a = a.cpu()
    if hasattr(a, "__dlpack__"):
        try:
            return np.from_dlpack(a)
        except (TypeError, RuntimeError, BufferError, AttributeError):
            pass  # e.g. bfloat16, which numpy cannot view; handled by the caller
    return np.asarray(a)


def _is_bfloat16(a: Any) -> bool:
    return str(getattr(a, "dtype", "")) == "torch.bfloat16"


def _write_safetensors(path: str, tensors: List[tuple]) -> None:
    """A minimal .safetensors writer: the JSON header, then each tensor's raw little-endian bytes."""
    header, offset = {}, 0
    for name, code, shape, nbytes, _ in tensors:
        header[name] = {"dtype": code, "shape": list(shape), "data_offsets": [offset, offset + nbytes]}
        offset += nbytes
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for *_, buffer in tensors:
            f.write(buffer)


@contextmanager
def dataset_files(X: Any, y: Any) -> Iterator[List[str]]:
    """Yields the command-line arguments naming (X, y) on disk: a file path given as X (y None)
    as it is; otherwise a temporary copy: a pair of
    .npy files (`np.save` streams the array's own buffer), or a .safetensors file for bfloat16
    tensors, which numpy has no type for."""
    if isinstance(X, (str, os.PathLike)):
        if y is not None:
            raise ValueError("give a file path alone (y=None): the file holds the labels")
        yield [os.fspath(X)]
        return
    if y is None:
        raise ValueError("y (the labels) is required with an array X")
    with tempfile.TemporaryDirectory(prefix="tempctl-") as folder:
        if _is_bfloat16(X):
            import torch  # a bfloat16 tensor means torch is here

            x = X.detach().cpu().contiguous()
            labels = np.ascontiguousarray(as_numpy(y)).astype(np.int64, copy=False)
            path = os.path.join(folder, "set.safetensors")
            _write_safetensors(path, [
                ("X", "BF16", tuple(x.shape), x.numel() * 2, memoryview(x.view(torch.int16).numpy())),
                ("y", "I64", labels.shape, labels.nbytes, memoryview(labels)),
            ])
            yield [path]
            return
        xa, ya = as_numpy(X), as_numpy(y)
        if xa.ndim != 2:
            raise ValueError(f"X must be 2-D (samples × features), got shape {xa.shape}")
        if ya.shape[:1] != xa.shape[:1]:
            raise ValueError(f"y has {ya.shape[0] if ya.ndim else 0} labels but X has {xa.shape[0]} rows")
        if ya.dtype == object:
            ya = ya.astype(str)
        xp, yp = os.path.join(folder, "X.npy"), os.path.join(folder, "y.npy")
        np.save(xp, xa, allow_pickle=False)
        np.save(yp, ya, allow_pickle=False)
        yield ["--features", xp, "--labels", yp]
