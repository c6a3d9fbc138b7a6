#!/usr/bin/env python3
"""Write a synthetic corpus for the index and search benchmarks.

    python benchmarks/gen_corpus.py N OUTDIR [--seed S]

N documents, Dutch and English, in the three formats the loader reads (the
seed format `` date YYYY-MM Title``; Markdown with YAML front matter; plain
.txt whose first line is the title), 1-12 KB each, in subfolders of 1000
files.  The text comes from sentence templates with dates, units, threat
levels, places, people and organizations.  A few made-up words are planted
in known documents; OUTDIR/planted.json holds, for each planted query, the
number of documents that must match it, so a search can be checked.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from collections import Counter

PLACES_NL = ["Irak", "Bagdad", "Erbil", "Syrië", "Jordanië", "Litouwen", "Rukla", "Den Haag", "Doetinchem",
             "Mali", "Gao", "Polen", "Rzeszów", "Oekraïne", "Rode Zee", "Curaçao", "Koeweit", "Estland"]
PLACES_EN = ["Iraq", "Baghdad", "Erbil", "Syria", "Jordan", "Lithuania", "The Hague", "Mali", "Poland",
             "Ukraine", "Red Sea", "Kuwait", "Estonia", "London", "Brussels", "Norway"]
PEOPLE = ["Kajsa Ollongren", "Ruben Brekelmans", "John Healey", "Mark Rutte", "Onno Eichelsheim",
          "Pieter-Jaap Aalbersberg", "Grant Shapps", "Jens Stoltenberg"]
ORGS_NL = ["NAVO", "Defensie", "MIVD", "AIVD", "NCTV", "de Tweede Kamer", "de VN", "de EU"]
ORGS_EN = ["NATO", "the Ministry of Defence", "MI5", "JTAC", "the UN", "the EU", "the Pentagon"]
UNITS_NL = [("militairen", 5, 400), ("Chinook-helikopters", 2, 6), ("F-35's", 2, 8), ("pantservoertuigen", 4, 40),
            ("mariniers", 10, 200), ("fregatten", 1, 3), ("Patriot-systemen", 1, 4), ("instructeurs", 3, 60)]
UNITS_EN = [("troops", 10, 900), ("Chinook helicopters", 2, 6), ("F-35s", 2, 8), ("armoured vehicles", 4, 40),
            ("marines", 10, 300), ("frigates", 1, 3), ("Patriot batteries", 1, 4), ("trainers", 3, 60)]
THREAT_NL = ["minimaal", "beperkt", "aanzienlijk", "substantieel", "kritiek", "laag", "significant", "hoog"]
THREAT_EN = ["low", "moderate", "substantial", "severe", "critical", "high", "significant"]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]

SENTENCES_NL = [
    "Vanaf {day} {month} {year} draagt Nederland met {n} {unit} bij aan de missie in {place}.",
    "Het dreigingsniveau voor {place} is verhoogd van {level2} naar {level}, meldt {org}.",
    "Het dreigingsniveau blijft {level}, aldus minister {person}.",
    "Volgens {org} zijn zo'n {n} {unit} betrokken bij de oefening in {place}.",
    "De minister geeft in {month} een nieuwe update over de veiligheidssituatie in {place}.",
    "In {place} werden gisteren {n} {unit} ingezet ter ondersteuning van de lokale autoriteiten.",
    "{person} sprak op {day} {month} met collega's van {org} over de inzet in {place}.",
    "Daarnaast worden maatregelen getroffen om het personeel in {place} te beschermen.",
    "De Kamer wil voor eind {month} weten hoeveel {unit} er nodig zijn.",
    "Sinds begin {month} is de situatie in {place} gespannen; de dreiging is {level}.",
    "Niemand raakte gewond en er is geen sprake van materiële schade.",
    "Het kabinet trekt de komende {n} jaar extra geld uit voor {unit}.",
    "De rotatie duurt ongeveer {n} weken en eindigt in {month} {year}.",
    "Het gaat hier vooral om adviserende functies op het hoofdkwartier in {place}.",
    "Ook {org} bevestigt dat de dreiging tegen westerse militairen in {place} is toegenomen.",
]
SENTENCES_EN = [
    "From {day} {month} {year} the Netherlands contributes {n} {unit} to the mission in {place}.",
    "The threat level for {place} was raised from {level2} to {level}, {org} said.",
    "The threat level remains {level}, according to {person}.",
    "According to {org}, some {n} {unit} took part in the exercise in {place}.",
    "The minister will give a new update on the security situation in {place} in {month}.",
    "Yesterday {n} {unit} were deployed in {place} to support local authorities.",
    "{person} met colleagues from {org} on {day} {month} to discuss the deployment in {place}.",
    "Measures are also being taken to protect personnel in {place}.",
    "Parliament wants to know by the end of {month} how many {unit} are needed.",
    "Since early {month} the situation in {place} has been tense; the threat is {level}.",
    "Nobody was injured and there was no material damage.",
    "The government will spend more on {unit} over the next {n} years.",
    "The rotation lasts about {n} weeks and ends in {month} {year}.",
    "These are mainly advisory roles at the headquarters in {place}.",
    "{org} confirms that the threat against Western troops in {place} has increased.",
]
TITLES_NL = ["Nieuwe inzet in {place} met {n} {unit}", "Dreiging in {place} blijft {level}",
             "{org} verlengt missie in {place}", "Kabinet stuurt {unit} naar {place}",
             "Update over de veiligheidssituatie in {place}"]
TITLES_EN = ["New deployment to {place} with {n} {unit}", "Threat in {place} remains {level}",
             "{org} extends mission in {place}", "Government sends {unit} to {place}",
             "Update on the security situation in {place}"]

#: word -> share of documents it is planted in.  Each is made up, so the
#: planted documents are exactly those that contain it.
PLANTED = {"zorblax": 0.01, "quuxfen": 0.10, "Kwaliëtor": 0.02, "plonkvarum": 0.015, "plonkvarix": 0.015}
PHRASE = ("blauwe", "ooievaar")  # planted together in some documents, apart in others


def _fill(rng: random.Random, template: str, lang: str, year: int) -> str:
    nl = lang == "nl"
    unit, lo, hi = rng.choice(UNITS_NL if nl else UNITS_EN)
    levels = THREAT_NL if nl else THREAT_EN
    return template.format(
        day=rng.randint(1, 28), month=rng.choice(MONTHS_NL if nl else MONTHS_EN), year=year + rng.randint(0, 1),
        n=rng.randint(lo, hi), unit=unit, place=rng.choice(PLACES_NL if nl else PLACES_EN),
        level=rng.choice(levels), level2=rng.choice(levels), person=rng.choice(PEOPLE),
        org=rng.choice(ORGS_NL if nl else ORGS_EN),
    )


def make_document(rng: random.Random, index: int) -> tuple[str, str, set[str], str]:
    """(file name, content, planted queries it matches, publication month or '')."""
    lang = "nl" if rng.random() < 0.6 else "en"
    fmt = ("seed", "markdown", "text")[index % 3]
    year = rng.randint(2019, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    title = _fill(rng, rng.choice(TITLES_NL if lang == "nl" else TITLES_EN), lang, year)
    target = rng.randint(1000, 11000)  # the last paragraph may add ~1 KB: at most 12 KB
    sentences = SENTENCES_NL if lang == "nl" else SENTENCES_EN
    planted: set[str] = set()
    extra = [w for w, share in PLANTED.items() if rng.random() < share]
    together = rng.random() < 0.03
    apart = rng.random() < 0.03
    paragraphs: list[str] = []
    size = len(title)
    while size < target:
        para = " ".join(_fill(rng, rng.choice(sentences), lang, year) for _ in range(rng.randint(2, 6)))
        paragraphs.append(para)
        size += len(para.encode()) + 2
    for word in extra:
        p = rng.randrange(len(paragraphs))
        paragraphs[p] += f" Het woord {word} staat hier." if lang == "nl" else f" The word {word} is here."
        planted.add(word)
    if together:
        p = rng.randrange(len(paragraphs))
        paragraphs[p] += f" Een {PHRASE[0]} {PHRASE[1]} vloog over."
    if apart and not together:
        paragraphs[0] += f" De {PHRASE[0]} lucht."
        paragraphs[-1] += f" Een {PHRASE[1]} landde."
    if together:
        planted.add("phrase")
    if together or apart:
        planted.add("both")
    body = "\n\n".join(paragraphs) + "\n"
    iso = f"{year}-{month:02d}"
    stem = f"doc-{index:06d}"
    if fmt == "seed":
        return f"{stem}.txt", f" date {iso} {title}\n\n{body}", planted, iso
    if fmt == "markdown":
        tags = rng.sample(["irak", "navo", "dreiging", "marine", "cyber", "uk", "budget"], 2)
        front = (f"---\ntitle: \"{title}\"\ndate: {iso}-{day:02d}\nsource: sample\nlanguage: {lang}\n"
                 f"tags: [{', '.join(tags)}]\n---\n\n")
        return f"{stem}.md", front + body, planted, iso
    return f"{stem}.txt", f"{title}\n\n{body}", planted, ""


def generate(n: int, outdir: str, seed: int = 1) -> dict:
    """Write the corpus; return (and write to OUTDIR/planted.json) the planted counts."""
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for i in range(n):
        folder = os.path.join(outdir, f"part-{i // 1000:03d}")
        if i % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        name, content, planted, month = make_document(rng, i)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            handle.write(content)
        counts.update(planted)
        counts["zorblax+quuxfen"] += {"zorblax", "quuxfen"} <= planted
        counts["plonkvar*"] += bool(planted & {"plonkvarum", "plonkvarix"})
        if month:
            months[month] += 1
    # query -> number of documents that must match it
    queries = {
        "zorblax": counts["zorblax"],
        "quuxfen": counts["quuxfen"],
        "kwalietor": counts["Kwaliëtor"],  # diacritics folded
        "KWALIËTOR": counts["Kwaliëtor"],
        "plonkvar*": counts["plonkvar*"],  # prefix
        f'"{PHRASE[0]} {PHRASE[1]}"': counts["phrase"],  # the phrase
        f"{PHRASE[0]} {PHRASE[1]}": counts["both"],  # both words, anywhere
        "zorblax quuxfen": counts["zorblax+quuxfen"],
        "published:2024-01": months["2024-01"],
        "published:2023": sum(v for k, v in months.items() if k.startswith("2023")),
    }
    planted = {"n": n, "seed": seed, "queries": queries}
    with open(os.path.join(outdir, "planted.json"), "w", encoding="utf-8") as handle:
        json.dump(planted, handle, ensure_ascii=False, indent=1)
    return planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("outdir", help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    planted = generate(args.n, args.outdir, args.seed)
    print(json.dumps(planted, ensure_ascii=False))


if __name__ == "__main__":
    main()
