#!/usr/bin/env python3
"""`make bench`: speed of each stage, next to the baselines the issues name.

  * HTML extraction (detente.extract on HTML) vs trafilatura alone on the same pages: ratio <= 1.2
  * flattened-text extraction: pages/s >= 200
  * actors + quotes + figures, and event coding, as a share of the spaCy parse time: <= 15% and <= 10%

Runs on the bundled demo corpus, and on ../shared/data when it is there. Inputs are read and
decompressed before timing starts; each timing is the best of --repeat runs (one core).
"""
from __future__ import annotations

import argparse
import gc
import gzip
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "detente" / "demo" / "corpus"


def read(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace")


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def best_of_interleaved(repeat: int, first, second, min_seconds: float = 3.0) -> tuple[float, float]:
    """Best times of two functions run in turns, so a busy moment of the machine hits both alike.
    Small corpora get more rounds (until min_seconds of work), where one stray pause weighs most."""
    t_first, t_second = [], []
    rounds = 0
    while rounds < repeat or sum(t_first) + sum(t_second) < min_seconds:
        t_first.append(best_of(1, first))
        t_second.append(best_of(1, second))
        rounds += 1
    return min(t_first), min(t_second)


def bench_html(name: str, pages: list[str], repeat: int) -> None:
    import trafilatura

    from detente.extract import extract
    from detente.records import RawDoc, SourceInfo

    docs = [RawDoc(source=SourceInfo(path=f"{i}.html"), kind="html", content=p) for i, p in enumerate(pages)]

    def ours():
        for d in docs:
            try:
                extract(d)
            except Exception:
                pass

    def trafilatura_alone():
        for p in pages:
            trafilatura.bare_extraction(p, include_comments=False, with_metadata=True)

    ours()  # warm caches (lexicons, lingua) and trafilatura's own before timing
    trafilatura_alone()
    t_ours, t_traf = best_of_interleaved(repeat, ours, trafilatura_alone)
    n = len(pages)
    print(f"html  {name:<14} {n:>5} pages  detente {n / t_ours:7.1f} pages/s  trafilatura alone {n / t_traf:7.1f} "
          f"pages/s  ratio {t_ours / t_traf:.2f}x (target <= 1.20)")


def bench_flat(name: str, texts: list[str], repeat: int) -> None:
    from detente.extract import extract
    from detente.records import RawDoc, SourceInfo

    docs = [RawDoc(source=SourceInfo(path=f"{i}.txt"), kind="text", content=t) for i, t in enumerate(texts)]

    def ours():
        for d in docs:
            try:
                extract(d)
            except Exception:
                pass

    ours()
    t = best_of(max(repeat, 5), ours)
    print(f"flat  {name:<14} {len(texts):>5} pages  detente {len(texts) / t:7.1f} pages/s (target >= 200)")


def bench_analysis(name: str, texts: list[str]) -> None:
    from detente.actors import resolve_actors
    from detente.events import code_events
    from detente.figures import extract_figures
    from detente.nlp import load_pipeline
    from detente.quotes import extract_quotes
    from detente.records import Article

    nlp = load_pipeline()
    articles = [Article(text=t) for t in texts]
    started = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=32))
    t_parse = time.perf_counter() - started
    t_aqf = t_events = 0.0
    for doc, article in zip(docs, articles):
        t0 = time.perf_counter()
        index = resolve_actors(doc, article)
        quotes = extract_quotes(doc, index)
        extract_figures(doc, article)
        t1 = time.perf_counter()
        code_events(doc, index, quotes, article)
        t2 = time.perf_counter()
        t_aqf += t1 - t0
        t_events += t2 - t1
    words = sum(len(d) for d in docs)
    print(f"nlp   {name:<14} {len(texts):>5} texts  parse {words / t_parse:7.0f} tokens/s ({t_parse:.1f} s)  "
          f"actors+quotes+figures +{100 * t_aqf / t_parse:.1f}% (target <= 15%)  "
          f"events +{100 * t_events / t_parse:.1f}% (target <= 10%)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    shared = Path(args.shared) / "data"

    demo_html = [read(p) for p in sorted((DEMO / "html").glob("*.html"))]
    demo_flat = [read(p) for p in sorted((DEMO / "flat").glob("*.txt"))]
    if demo_html:
        bench_html("demo", demo_html, args.repeat)
    if (shared / "wcxb-dev" / "html").is_dir():
        bench_html("wcxb-dev", [read(p) for p in sorted((shared / "wcxb-dev" / "html").glob("*.html.gz"))],
                   max(1, args.repeat - 2))
    else:
        print(f"(no {shared}/wcxb-dev: HTML measured on the demo corpus only)")
    if demo_flat:
        bench_flat("demo", demo_flat, args.repeat)
    if (shared / "flat-dev").is_dir():
        bench_flat("flat-dev", [read(p) for p in sorted((shared / "flat-dev").glob("*.txt"))], args.repeat)
    from detente.extract import extract
    from detente.records import RawDoc, SourceInfo

    demo_articles = [extract(RawDoc(source=SourceInfo(), kind="html", content=h)).text for h in demo_html]
    if demo_articles:
        bench_analysis("demo", demo_articles)
    polnear = shared / "polnear" / "dev" / "text"
    if polnear.is_dir():
        bench_analysis("polnear-dev", [p.read_text(encoding="utf-8") for p in sorted(polnear.glob("*.txt"))])
    return 0


if __name__ == "__main__":
    sys.exit(main())
