#!/usr/bin/env python3
"""An independent numpy implementation of tempctl's training step (SPEC §4), for parity tests.

Trains one temperature at a time (tempctl trains all together) from a trace written by
`tempctl sweep --export-trace DIR`: the L2-normalised float32 training data, the initial weights
W0 (d × C) and the batch order of every epoch. Float32 arithmetic like PyTorch.

Model: x̂, ŵ_c = w_c/‖w_c‖, logits α·x̂ᵀŵ, softmax cross-entropy averaged over the batch, divided
by α when rescaled; gradients through the column normalisation; SGD with momentum (PyTorch:
v ← μv + g, w ← w − lr·v) or Adam (PyTorch's bias-corrected form).
"""
import numpy as np

F = np.float32


def train(X, y, W0, orders, alpha, optimizer="sgd", lr=None, momentum=0.9, betas=(0.9, 0.999), eps=1e-8,
          batch=2048, rescale=True):
    X = X.astype(F); W = W0.astype(F).copy()
    lr = F(lr if lr is not None else (0.1 if optimizer == "sgd" else 1e-3))
    a = F(alpha)
    m = np.zeros_like(W); v = np.zeros_like(W); step = 0
    b1, b2 = F(betas[0]), F(betas[1])
    batch = max(1, min(batch, len(X)))
    for order in orders:
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            xb, yb, b = X[idx], y[idx], F(len(idx))
            norms = np.sqrt((W * W).sum(0, dtype=F)).astype(F)
            Wn = W / norms
            z = xb @ Wn
            logits = a * z
            logits = logits - logits.max(1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(1, keepdims=True)
            g = p.copy()
            g[np.arange(len(idx)), yb] -= F(1)
            scale = (F(1) / a) if rescale else F(1)
            g *= scale * a / b
            gWn = xb.T @ g
            dots = (Wn * gWn).sum(0, dtype=F)
            gW = (gWn - Wn * dots) / norms
            step += 1
            if optimizer == "sgd":
                m = F(momentum) * m + gW
                W = W - lr * m
            else:
                m = b1 * m + (F(1) - b1) * gW
                v = b2 * v + (F(1) - b2) * gW * gW
                bias1 = F(1) - F(b1 ** step); bias2 = F(1) - F(b2 ** step)
                W = W - (lr / bias1) * m / (np.sqrt(v) / np.sqrt(bias2) + F(eps))
    return W
