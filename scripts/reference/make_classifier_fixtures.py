#!/usr/bin/env python3
"""Golden weights for tempctl's classifier parity tests (Tests/ClassifierCoreTests/Fixtures).

1. `tempctl synth` makes a small set; `tempctl sweep --export-trace` writes its training trace
   (normalised data, initial W, 3 epochs of batch orders) — the inputs, not the outputs.
2. train_reference.py (numpy, one temperature at a time) trains from that trace for SGD and Adam,
   rescaled and plain, at α ∈ {1, 10, 60}, and this writes the final weights.
The Swift test retrains from the same trace with all temperatures together and compares.

    swift build -c release && python3 scripts/reference/make_classifier_fixtures.py
"""
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from train_reference import train  # noqa: E402

OUT = os.path.join(ROOT, "Tests", "ClassifierCoreTests", "Fixtures")
ALPHAS = [1.0, 10.0, 60.0]
EPOCHS = 3
BATCH = 64


def main():
    tempctl = os.path.join(ROOT, ".build", "release", "tempctl")
    tmp = tempfile.mkdtemp()
    data = os.path.join(tmp, "parity.npz")
    subprocess.run([tempctl, "synth", "--n", "400", "--d", "16", "--classes", "5", "--seed", "7", "--spread", "0.6",
                    "-o", data], check=True, capture_output=True)
    subprocess.run([tempctl, "sweep", data, "--store", os.path.join(tmp, "s.sqlite"), "--seeds", "1", "--epochs", str(EPOCHS),
                    "--batch-size", str(BATCH), "--alphas", ",".join(str(a) for a in ALPHAS), "--export-trace", tmp, "--quiet"],
                   check=True)
    os.makedirs(OUT, exist_ok=True)
    shutil.copy(os.path.join(tmp, "parity-seed0.npz"), os.path.join(OUT, "trace.npz"))
    t = np.load(os.path.join(OUT, "trace.npz"))
    out = {}
    for opt in ("sgd", "adam"):
        for rescale in (True, False):
            for a in ALPHAS:
                W = train(t["X_train"], t["y_train"], t["W0"], t["orders"], a, optimizer=opt, batch=BATCH, rescale=rescale)
                out[f"{opt}_{'rescaled' if rescale else 'plain'}_{int(a)}"] = W
    np.savez(os.path.join(OUT, "reference_weights.npz"), **out)
    print("wrote", OUT, sorted(out))


if __name__ == "__main__":
    main()
