#!/usr/bin/env python3
"""`make eval`: run `detente analyze` on each development set and score it with the shared scorers.

Prints the scorer's one-line summary per set, then checks the quality floors in
tools/eval_floors.toml. A floor that is not met fails the run and prints the command that
reproduces the figure. The development data lives beside the project (../shared) and is never
copied into it; when it is absent, this says so and stops.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def analyze(inputs: list[str], out: Path, stage: str, workers: int) -> float:
    cmd = [sys.executable, "-m", "detente", "analyze", *inputs, "--format", "jsonl", "--out", str(out),
           "--stage", stage, "--workers", str(workers), "--quiet"]
    started = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - started


def score(scorer: Path, args: list[str]) -> tuple[dict, str]:
    proc = subprocess.run([sys.executable, str(scorer), *args, "--json"], check=True, capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    summary = lines[-1]
    report = json.loads("\n".join(lines[:-1]))
    return report, summary


def dig(report: dict, dotted: str):
    cur = report
    for key in dotted.split("."):
        cur = cur[key]
    return cur


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder (data/, eval/, examples/)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only", nargs="*", help="run only these sets")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "eval").is_dir() or not (shared / "data").is_dir():
        print(f"make eval: the development data is not here ({shared} has no data/ and eval/). "
              "Nothing was evaluated; run it where ../shared exists, or pass SHARED=/path/to/shared.")
        return 0
    data, ev = shared / "data", shared / "eval"
    floors = tomllib.loads((ROOT / "tools" / "eval_floors.toml").read_text())
    tmp = Path(tempfile.mkdtemp(prefix="detente-eval-"))
    plover_in = tmp / "plover-in"
    subprocess.run([sys.executable, str(ev / "make_event_inputs.py"), "--gold",
                    str(data / "plover" / "plover-gsr-dev.json"), "--out", str(plover_in)],
                   check=True, capture_output=True)
    sets = {
        "extract-flat": ([str(data / "flat-dev")], "extract", ev / "score_extract.py",
                         ["--gold", str(data / "wcxb-dev" / "ground-truth")]),
        "extract-html": ([str(data / "wcxb-dev" / "html")], "extract", ev / "score_extract.py",
                         ["--gold", str(data / "wcxb-dev" / "ground-truth")]),
        "quotes-polnear-dev": ([str(data / "polnear" / "dev" / "text")], "all", ev / "score_quotes.py",
                               ["--gold", str(data / "polnear" / "dev")]),
        "quotes-polnear-train": ([str(data / "polnear" / "train" / "text")], "all", ev / "score_quotes.py",
                                 ["--gold", str(data / "polnear" / "train")]),
        "events-plover-dev": ([str(plover_in)], "all", ev / "score_events.py",
                              ["--gold", str(data / "plover" / "plover-gsr-dev.json")]),
        "seed": ([str(shared / "examples" / "reset-flounders.txt")], "all", ev / "score_seed.py",
                 ["--gold", str(shared / "examples" / "reset-flounders.gold.json")]),
    }
    failed = []
    for name, (inputs, stage, scorer, gold_args) in sets.items():
        if args.only and name not in args.only:
            continue
        pred = tmp / f"{name}.jsonl"
        seconds = analyze(inputs, pred, stage, args.workers)
        report, summary = score(scorer, ["--pred", str(pred), *gold_args])
        print(f"{name:<20} {summary}   ({seconds:.0f} s)", flush=True)
        checks = []
        for metric, rule in floors.get(name, {}).items():
            value = dig(report, metric)
            ok = value <= rule["max"] if "max" in rule else value >= rule["min"]
            bound = f"<= {rule['max']}" if "max" in rule else f">= {rule['min']}"
            checks.append(f"{metric} {value:.3f} {bound} {'ok' if ok else 'BELOW'}")
            if not ok:
                failed.append(f"{name}: {metric} = {value:.3f}, floor {bound}\n"
                              f"    reproduce: detente analyze {' '.join(inputs)} --stage {stage} --out {pred} && "
                              f"python3 {scorer} --pred {pred} {' '.join(gold_args)}")
        if checks:
            print(f"{'':<20} floors: " + "; ".join(checks), flush=True)
    if failed:
        print("\nBelow the quality floors (tools/eval_floors.toml):")
        print("\n".join("  " + f for f in failed))
        return 1
    print("\nAll quality floors met (tools/eval_floors.toml).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
