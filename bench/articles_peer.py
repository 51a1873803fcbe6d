"""Runs trafilatura (Python, from PyPI) on the HTML pages in a folder, one core, and prints
pages/s and the benchmark's shingle F1 against ../shared/gold/articles/ground-truth.json.
Usage: articles_peer.py PAGES_DIR GROUND_TRUTH_JSON SPLIT_JSON"""
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

pages_dir, truth_path, split_path = sys.argv[1:4]
truth = json.load(open(truth_path))
split = json.load(open(split_path))
files = sorted(Path(pages_dir).glob("*.html"))
pages = [(f.name[: -len(".html")], f.read_bytes()) for f in files]

start = time.perf_counter()
texts = {}
for page_id, html in pages:
    texts[page_id] = trafilatura.extract(html) or ""
elapsed = time.perf_counter() - start


def shingles(text):
    tokens = re.findall(r"\w+", text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def f1(ids):
    p_sum = r_sum = 0.0
    for i in ids:
        g, p = shingles(truth[i]["articleBody"]), shingles(texts.get(i, ""))
        tp = sum((g & p).values())
        fp = sum((p - g).values())
        fn = sum((g - p).values())
        if tp + fp + fn == 0:
            p_sum += 1
            r_sum += 1
            continue
        p_sum += tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
        r_sum += tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    p, r = p_sum / len(ids), r_sum / len(ids)
    return 2 * p * r / (p + r) if p + r else 0.0


print(
    f"trafilatura {trafilatura.__version__}: {len(pages) / elapsed:.1f} pages/s "
    f"({len(pages)} pages in {elapsed:.2f} s, one core); shingle F1 dev {f1(split['dev']):.3f}, "
    f"test {f1(split['test']):.3f}, all {f1(list(truth)):.3f}"
)
