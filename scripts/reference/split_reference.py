#!/usr/bin/env python3
"""An independent implementation of tempctl's seeded stratified split (docs/formats.md), so the
split can be reproduced outside tempctl and its tests check against a second implementation.

Generator: xoshiro256** seeded by four SplitMix64 outputs; integers below n by Lemire's
multiply-shift with rejection; Fisher–Yates from the last index down. Per class (ascending), the
member indices in file order are shuffled by one generator shared across classes; the first
v_c = min(floor(0.2 n_c + 0.5), n_c − 1) go to validation.

Usage: python3 scripts/reference/split_reference.py   (prints the case the Swift test pins)
"""
M = (1 << 64) - 1


class Xoshiro:
    def __init__(self, seed):
        x = seed & M
        s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            s.append(z ^ (z >> 31))
        self.s = s

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & M

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def below(self, n):
        m = self.next() * n
        low = m & M
        if low < n:
            threshold = ((1 << 64) - n) % n
            while low < threshold:
                m = self.next() * n
                low = m & M
        return m >> 64

    def shuffle(self, a):
        for i in range(len(a) - 1, 0, -1):
            j = self.below(i + 1)
            a[i], a[j] = a[j], a[i]


def split(labels, classes, seed):
    rng = Xoshiro(seed)
    train, val = [], []
    for c in range(classes):
        m = [i for i, l in enumerate(labels) if l == c]
        rng.shuffle(m)
        v = min(int(0.2 * len(m) + 0.5), len(m) - 1)
        val += m[:max(v, 0)]
        train += m[max(v, 0):]
    return sorted(train), sorted(val)


if __name__ == "__main__":
    labels = [1 if i % 7 == 0 else 0 for i in range(1000)]
    _, v = split(labels, 2, 0)
    print("first validation indices:", v[:5], "count", len(v))
