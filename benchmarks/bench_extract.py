#!/usr/bin/env python3
"""Extraction speed on one core: MB/s and facts/s over >= 10 MB of articles.

    python benchmarks/bench_extract.py [--mb 10] [--seed 1]

The articles are assembled here: every document of corpus/ (and the seed
article), plus synthetic Dutch and English news paragraphs built from
varied sentences (dates, counts, units, threat levels, names and plain
filler), so the mix resembles the news and briefing text reader is for.
Each article is extracted on its own, as the app and `reader facts` do.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reader.extract import extract, extract_document  # noqa: E402

NL_FILLER = [
    "Het kabinet ziet vooralsnog geen aanleiding om de huidige inzet aan te passen.",
    "De Tweede Kamer debatteert over de verlenging van de missie.",
    "Volgens ingewijden is de situatie in de regio de afgelopen tijd verslechterd.",
    "Daarnaast worden maatregelen getroffen om het personeel te beschermen.",
    "De minister benadrukt dat de veiligheid van de militairen voorop staat.",
    "Het gaat hier vooral om adviserende functies en opleidingen van lokale eenheden.",
    "Critici vinden dat de regering te weinig doet om de bevolking te informeren over de risico's.",
    "Zo blijkt uit een brief die de minister naar de Kamer heeft gestuurd.",
    "Niemand raakte gewond. Ook is geen sprake van materiële schade.",
    "De oppositie wil dat er meer geld naar de krijgsmacht gaat, maar de coalitie is verdeeld.",
    "Nu is het nog te vroeg om conclusies te trekken, zegt een woordvoerder.",
    "De gemeente heeft de inwoners gevraagd om alert te blijven en verdachte situaties te melden.",
]
NL_FACTS = [
    "Vanaf {month} {year} draagt Nederland met een {n}-koppig detachement bij aan de missie in {place}.",
    "Sinds begin vorige maand is de veiligheidssituatie in {place} gespannen.",
    "Dat meldde minister {person} gisteren aan de Kamer.",
    "Momenteel werken zo'n {n} Nederlandse militairen in {place}.",
    "Vanaf 1 januari volgend jaar zijn nog eens {n} militairen actief in {place}.",
    "Het dreigingsniveau voor drones en indirect vuur is verhoogd van significant naar hoog.",
    "Het dreigingsniveau in Nederland blijft 4 (substantieel), meldt de NCTV.",
    "De oefening duurt drie weken en vindt plaats van 3 tot en met 7 {month}.",
    "De NAVO stuurt {word} bataljons en {n} F-35's naar het oosten.",
    "Het project kost ruim 2,5 miljoen euro en het terrein is 12 km lang.",
    "Op {day} {month} {year} vertrekken {n} mariniers met twee Patriot-systemen.",
    "De minister geeft in december een nieuwe update; over twee weken volgt een brief.",
    "Eind dit jaar moet de F-16 uit dienst zijn; artikel 100 van de Grondwet is van toepassing.",
    "Afgelopen dinsdag landden {word} Chinook-transporthelikopters op de basis bij {place}.",
    "Het tweede kwartaal van {year} bracht een stijging van 14% van het budget.",
    "Met Koningsdag en Prinsjesdag is er extra beveiliging, aldus de MIVD.",
]
EN_FILLER = [
    "The government said it saw no reason to change the current deployment.",
    "Officials declined to comment on the details of the operation.",
    "Critics argue that the plan does not go far enough to protect civilians in the area.",
    "The situation remains fluid, and further announcements are expected in due course.",
    "Analysts say the decision reflects growing concern among allies about the security of the region.",
    "Nobody was injured in the incident, according to a spokesperson.",
    "The ministry has asked residents to remain vigilant and to report anything suspicious.",
    "Now is not the time for complacency, the minister told reporters.",
]
EN_FACTS = [
    "On 12 June {year} some {n} British troops arrived in {place_en}.",
    "The UK national threat level was raised from substantial to severe last Thursday.",
    "Defence Secretary {person} said a {n}-strong battlegroup would deploy next month.",
    "Between 5 and 9 May the alliance will send {word_en} frigates and {n} aircraft.",
    "Earlier this year the budget grew by $1.2 billion, or about 3%.",
    "The convoy travelled nearly 300 miles over six weeks.",
    "NATO said the threat level remains unchanged at substantial.",
    "March 3rd, {year} marked the start of the exercise in {place_en}.",
    "One frigate and two Patriot systems were moved, the Pentagon said on Monday.",
]
PLACES = ["Irak", "Bagdad", "Syrië", "Litouwen", "Mali", "Afghanistan", "de Rode Zee", "Erbil"]
PLACES_EN = ["Iraq", "Estonia", "the Baltic Sea", "Poland", "Baghdad", "Kyiv"]
PEOPLE = ["Kajsa Ollongren", "Ruben Brekelmans", "Grant Shapps", "Mark Rutte", "Onno Eichelsheim"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]
WORDS = ["twee", "drie", "vier", "vijf", "zes", "tien", "twaalf", "twintig"]
WORDS_EN = ["two", "three", "four", "five", "six", "ten", "twelve", "twenty"]


def synthetic_article(rng: random.Random, english: bool) -> tuple[str, str]:
    filler, facts = (EN_FILLER, EN_FACTS) if english else (NL_FILLER, NL_FACTS)
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        sentences = []
        for _ in range(rng.randint(3, 7)):
            template = rng.choice(facts) if rng.random() < 0.35 else rng.choice(filler)
            sentences.append(template.format(
                month=rng.choice(MONTHS), year=rng.randint(2019, 2026), n=rng.choice([10, 45, 120, 145, 300, 1200]),
                place=rng.choice(PLACES), place_en=rng.choice(PLACES_EN), person=rng.choice(PEOPLE),
                word=rng.choice(WORDS), word_en=rng.choice(WORDS_EN), day=rng.randint(1, 28)))
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs), "en" if english else "nl"


def corpus_documents() -> list:
    from reader.corpus import LoadError, load_document

    docs = []
    paths = sorted((ROOT / "corpus").rglob("*"))
    for path in paths:
        if path.is_file():
            try:
                docs.append(load_document(str(path)))
            except LoadError:
                pass
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="megabytes of text to extract (default 10)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    target = int(args.mb * 1_000_000)

    docs = corpus_documents()
    texts: list[tuple[str, str, str | None]] = []
    size = 0
    # the real documents once per round, synthetic articles in between
    while size < target:
        for doc in docs:
            texts.append((doc.text, doc.language, doc.date))
            size += len(doc.text.encode("utf-8"))
        for _ in range(20):
            text, lang = synthetic_article(rng, english=rng.random() < 0.35)
            texts.append((text, lang, f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}"))
            size += len(text.encode("utf-8"))

    extract("warm-up 3 maart 2024 minister Ollongren", doc_date="2024-03", language="nl")
    extract("warm-up on 12 June", doc_date="2024-03", language="en")
    facts = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for text, lang, date in texts:
        facts += len(extract(text, doc_date=date, language=lang))
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    mb = size / 1_000_000
    print(f"articles {len(texts)}  text {mb:.1f} MB  facts {facts}  wall {elapsed:.2f} s  cpu {cpu:.2f} s")
    # one process, one thread: CPU seconds are the time on one core; the wall
    # clock also counts the waits when other programs share the cores.
    print(f"{mb / cpu:.2f} MB/s  {facts / cpu:,.0f} facts/s on one core (CPU time); "
          f"wall clock {mb / elapsed:.2f} MB/s")
    print(f"{1000 * cpu / len(texts):.2f} ms per article of {size / len(texts) / 1000:.1f} KB")
    if docs:
        doc = max(docs, key=lambda d: len(d.text))
        t0 = time.perf_counter()
        extract_document(doc)
        print(f"largest corpus document {len(doc.text) / 1000:.1f} KB: {1000 * (time.perf_counter() - t0):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
