"""A synthetic wire corpus for benchmarks: invented one-paragraph reports, about four claims
each, as JSON Lines on standard output. Usage: make_wire.py CLAIMS. Deterministic (seeded)."""
import json
import random
import sys
from datetime import date, timedelta

claims = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = random.Random(20261127)
subjects = ["North Korean soldiers", "Russian soldiers", "Ukrainian soldiers", "civilians",
            "police officers", "militants", "aid workers", "children"]
places = ["Kursk", "Kharkiv", "Donetsk", "Bakhmut", "Sumy", "Kherson", "Gaza", "Aleppo",
          "Khartoum", "Goma"]
sources = ["the National Intelligence Service said", "the General Staff said",
           "officials said", "according to the UN", "the regional governor said",
           "a lawmaker said, citing the intelligence service"]
start = date(2022, 1, 1)
days = (date(2025, 6, 30) - start).days
k = 0
made = 0
while made < claims:
    day = start + timedelta(days=rng.randrange(days))
    place = rng.choice(places)
    a, b = rng.sample(subjects, 2)
    text = (
        f"At least {rng.randrange(2, 400)} {a} were killed and more than "
        f"{rng.randrange(5, 900)} wounded in {place}, {rng.choice(sources)}. "
        f"Some {rng.randrange(100, 12000)} {b} have been deployed to {place}. "
        f"About {rng.randrange(10, 3000)} people were displaced, {rng.choice(sources)}. "
        f"Report {k} of the day."
    )
    print(json.dumps({"id": f"wire-{k}", "text": text, "published": day.isoformat(),
                      "url": f"https://wire.example/{k}"}))
    k += 1
    made += 4
