"""Fit the page-date picker (tidings/extract/date_picker.py) on the shared corpus.

    pip install -e '.[train]'
    python training/train_date_picker.py [--cache FILE] [--check-only]

For every page of bench/extraction.py's sets with a ground-truth date, the page is read once by
tidings' own extract_page; its DateTrace holds every date reading considered and the rules'
choice. Each distinct day on a page is one row (date_picker.candidate_days), labelled by whether
it is the ground truth's day (bench's same_day: a zoned ground truth told in the reading's zone,
for a bare day in the publisher's). A logistic regression (C=1) is fitted on half A and scored
on half B, then the other way round (the halves are the bench's, by URL hash); the
held-out counts are printed beside the rules' own (another day overrules the rules' day only
when it scores more than date_picker.MARGIN above it, as at run time). The shipped weights are
then fitted on both halves and written to src/tidings/data/date_picker.json (--check-only
writes nothing).

Ground truths that name no day ("2022-25-10", "Sun Nov 23 16:00:00 EDT 2014") are left out
of fitting. Pages where no candidate is the ground truth's day (a slip in the ground truth, or
no date on the page) add only negative rows; the script also refits without them and prints what that
picker gets right and how many of its picks differ, so that a slip is not learned as a pattern.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
import warnings
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from extraction import CORPUS, SETS, half_of, headers_for, page_zone, records, same_day  # noqa: E402
from tidings.errors import ExtractionError  # noqa: E402
from tidings.extract.date_picker import FEATURES, MARGIN, DateTrace, candidate_days  # noqa: E402
from tidings.extract.page import NoTextError, extract_page  # noqa: E402

OUT = ROOT / "src" / "tidings" / "data" / "date_picker.json"
# A fixed "now" keeps the readings (bounded by it) the same from one run to the next.
NOW = datetime(2026, 12, 1, tzinfo=UTC)
C = 1.0


def harvest() -> list[dict[str, Any]]:
    """Per dated page: set, half, ground truth, the trace's readings and the rules' choice."""
    pages = []
    for name, folder in SETS.items():
        for r in records(name, folder):
            if not r.get("published"):
                continue
            raw = gzip.open(CORPUS / folder / r["html"], "rb").read()
            url = r.get("url") or "http://fakehost/test/page.html"
            trace = DateTrace()
            try:
                extract_page(raw, url, headers_for(name), now=NOW, trace=trace)
            except NoTextError:
                pass  # its date is still read; the trace is complete
            except ExtractionError:
                continue
            pages.append({"set": name, "id": r["id"], "half": half_of(name, r),
                          "gt": r["published"], "readings": trace.readings, "rule": trace.rule,
                          "zone": page_zone(raw, url, name)})
        print(f"read {name}: {len(pages)} dated pages so far", file=sys.stderr)
    return pages


def rows(page: dict[str, Any]) -> tuple[np.ndarray, list[bool], int | None]:
    """Feature rows of a page's candidate days, their labels and the index of the rules' day."""
    rule = page["rule"][0]
    days, x, values, _ = candidate_days(page["readings"], rule)
    labels = [same_day(v, page["gt"], page.get("zone")) for v in values]
    at = days.index(rule.date()) if rule is not None else None
    return x, labels, at


def well_formed(truth: str) -> bool:
    """A ground truth that names a day at all ("2022-25-10" and "2022-11-1" do not)."""
    try:
        date.fromisoformat(truth[:10])
    except ValueError:
        return False
    return True


def fit(pages: list[dict[str, Any]], *, decidable_only: bool = False) -> LogisticRegression:
    """Fitted on every page whose ground truth names a day (all its candidates are wrong
    otherwise, and would teach nothing about choosing); `decidable_only` also leaves out pages
    where no candidate is right."""
    xs, ys = [], []
    for page in pages:
        if not well_formed(page["gt"]):
            continue
        x, labels, _ = rows(page)
        if len(labels) and (not decidable_only or any(labels)):
            xs.append(x)
            ys += labels
    return LogisticRegression(C=C, max_iter=5000).fit(np.vstack(xs), np.array(ys))


def choices(model: LogisticRegression, pages: list[dict[str, Any]]) -> list[bool | None]:
    """Per page, whether the picked day is right (None: no date either way)."""
    out: list[bool | None] = []
    for page in pages:
        x, labels, at = rows(page)
        if len(labels) < 2:
            out.append(labels[0] if labels else None)
            continue
        scores = model.decision_function(x)
        best = int(np.argmax(scores))
        if at is not None and scores[best] <= scores[at] + MARGIN:
            best = at
        out.append(labels[best])
    return out


def rules_right(pages: list[dict[str, Any]]) -> int:
    return sum(same_day(p["rule"][0], p["gt"], p.get("zone")) for p in pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="pickle of the harvested readings (reused)")
    parser.add_argument("--check-only", action="store_true", help="report; write no weights")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    if args.cache and args.cache.is_file():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        pages = harvest()
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    halves = {h: [p for p in pages if p["half"] == h] for h in "AB"}
    report: dict[str, Any] = {}
    for fitted, scored in (("A", "B"), ("B", "A")):
        model = fit(halves[fitted])
        picked = choices(model, halves[scored])
        clean = choices(fit(halves[fitted], decidable_only=True), halves[scored])
        report[f"fit {fitted}, score {scored}"] = {
            "pages": len(halves[scored]), "rules": rules_right(halves[scored]),
            "picker": sum(bool(v) for v in picked),
            "picker fitted without undecidable pages": sum(bool(v) for v in clean),
            "picks that differ": sum(a != b for a, b in zip(picked, clean, strict=True)),
        }
    print(json.dumps(report, indent=2))
    if args.check_only:
        return 0
    model = fit(pages)
    OUT.write_text(json.dumps({
        "about": "tidings page-date picker: logistic regression over candidate days; "
                 "refit with training/train_date_picker.py",
        "features": list(FEATURES),
        "coef": [round(float(c), 6) for c in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "margin": MARGIN,
        "fitted_on_pages": len(pages),
        "held_out": report,
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
