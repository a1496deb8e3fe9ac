#!/usr/bin/env python3
"""The loop a researcher would write in PyTorch: one training run per temperature (SPEC §4 model:
cosine classifier, loss divided by α, SGD momentum 0.9, batch 2048), validation accuracy after every
epoch. The peer side of bench/sweep_bench.py.

    python3 scripts/reference/torch_sweep.py set.npz --epochs 5 [--alphas 1,5,...]
"""
import argparse
import json
import time

import numpy as np
import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--alphas", default="1," + ",".join(str(a) for a in range(5, 251, 5)))
    ap.add_argument("--batch", type=int, default=2048)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    a = np.load(args.path)
    Xt = torch.nn.functional.normalize(torch.tensor(a["X_train"], dtype=torch.float32), dim=1)
    Xv = torch.nn.functional.normalize(torch.tensor(a["X_val"], dtype=torch.float32), dim=1)
    yt = torch.tensor(a["y_train"], dtype=torch.long)
    yv = torch.tensor(a["y_val"], dtype=torch.long)
    d, C = Xt.shape[1], int(max(yt.max(), yv.max())) + 1
    results = {}
    t0 = time.perf_counter()
    for alpha in [float(x) for x in args.alphas.split(",")]:
        W = torch.empty(d, C).uniform_(-1 / d ** 0.5, 1 / d ** 0.5).requires_grad_()
        opt = torch.optim.SGD([W], lr=0.1, momentum=0.9)
        best = 0.0
        for epoch in range(args.epochs):
            perm = torch.randperm(len(Xt))
            for s in range(0, len(Xt), args.batch):
                idx = perm[s:s + args.batch]
                logits = alpha * Xt[idx] @ torch.nn.functional.normalize(W, dim=0)
                loss = torch.nn.functional.cross_entropy(logits, yt[idx]) / alpha
                opt.zero_grad()
                loss.backward()
                opt.step()
            with torch.no_grad():
                acc = ((Xv @ torch.nn.functional.normalize(W, dim=0)).argmax(1) == yv).float().mean().item()
            best = max(best, acc)
        results[alpha] = best
    print(json.dumps({"seconds": time.perf_counter() - t0, "best": results}))


if __name__ == "__main__":
    main()
