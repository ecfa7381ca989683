"""Benchmark of `tidings fetch`: 1,000 synthetic feeds x 50 items on local servers that add 100 ms
of latency to every response.

    python bench/fetch.py [--feeds 1000] [--items 50] [--workers 64] [--latency 0.1] [--repeat 3]

Prints, all measured in this one run (each phase in a fresh process, so CPU time and peak
memory belong to that phase alone):
  * first fetch wall time, CPU time and peak RSS (parse, normalise, store, and analysis);
  * the same first fetch without analysis (what issue #2's pipeline costs by itself);
  * second fetch wall time (every feed answers 304 Not Modified);
  * CPU time of feedparser.parse alone on the same bytes, and the ratios.
Servers run in their own process so their CPU is not counted. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

HOSTS = 50  # distinct host:port pairs, so the per-host politeness limit is realistic
WORDS = (
    "platform customers growth team product launch market cloud data engineers partner "
    "release developers pricing operations revenue service network security analytics "
    "fleet logistics routing hardware software quarter research design support global"
).split()


def feed_bytes(index: int, items: int) -> bytes:
    """A deterministic RSS feed: `items` entries with ~700-character HTML summaries."""
    rng = random.Random(index)
    company = f"Benchco{index:04d}"
    start = datetime(2026, 11, 20, tzinfo=UTC)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
        f"<title>{company} news</title><link>https://bench{index}.example/</link>",
        "<description>synthetic</description>",
    ]
    for n in range(items):
        words = " ".join(rng.choice(WORDS) for _ in range(95))
        name = company if rng.random() < 0.5 else "The company"
        # Typical blog/newsroom markup: paragraphs, a link, emphasis, an image.
        summary = (
            f"&lt;p&gt;&lt;img src=\"https://bench{index}.example/i/{n}.jpg\" alt=\"\"&gt;"
            f"{name} said on &lt;strong&gt;Tuesday&lt;/strong&gt; that its {words[:250]}.&lt;/p&gt;"
            f"&lt;p&gt;{words[250:450]} &lt;a href=\"https://bench{index}.example/more/{n}\"&gt;"
            f"read more&lt;/a&gt; &lt;em&gt;{words[450:560]}&lt;/em&gt; &amp;amp; more.&lt;/p&gt;"
        )
        when = format_datetime(start - timedelta(hours=n * 7 + index % 5))
        parts.append(
            f"<item><title>{company} {rng.choice(WORDS)} update {n}: {rng.choice(WORDS)} "
            f"{rng.choice(WORDS)}</title><link>https://bench{index}.example/posts/{n}</link>"
            f"<guid>https://bench{index}.example/posts/{n}</guid><pubDate>{when}</pubDate>"
            f"<description>{summary}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


SERVER = r"""
import hashlib, json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
sys.path.insert(0, sys.argv[1])
from fetch import feed_bytes
hosts, feeds, items, latency = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
cache = {}
def body(i):
    if i not in cache:
        cache[i] = feed_bytes(i, items)
    return cache[i]
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        time.sleep(latency)
        i = int(self.path.strip("/").split(".")[0])
        data = body(i)
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304); self.send_header("ETag", etag)
            self.send_header("Content-Length", "0"); self.end_headers(); return
        self.send_response(200); self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag); self.send_header("Content-Length", str(len(data)))
        self.end_headers(); self.wfile.write(data)
ports = []
for _ in range(hosts):
    s = ThreadingHTTPServer(("127.0.0.1", 0), H); s.daemon_threads = True
    threading.Thread(target=s.serve_forever, daemon=True).start(); ports.append(s.server_address[1])
print(json.dumps(ports), flush=True)
sys.stdin.read()
"""

PHASE = r"""
import json, resource, sys, time
from pathlib import Path
from tidings.workspace.config import load_config
from tidings.sources.fetch_run import run_fetch
from tidings.analysis.ingest import analysis_hook
feeds, db, workers, analyse = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
config = load_config(feeds)
cpu0 = time.process_time(); wall0 = time.perf_counter()
report = run_fetch(db, config.companies, workers=workers,
                   after_write=analysis_hook(config.companies) if analyse else None)
wall = time.perf_counter() - wall0; cpu = time.process_time() - cpu0
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall": wall, "cpu": cpu, "rss_mb": rss_mb,
                  "summary": report.summary(), "failed": len(report.failures)}))
"""

BASELINE = r"""
import io, json, sys, time, warnings
sys.path.insert(0, sys.argv[1])
import feedparser
from fetch import feed_bytes
feeds, items = int(sys.argv[2]), int(sys.argv[3])
bodies = [feed_bytes(i, items) for i in range(feeds)]
warnings.simplefilter("ignore")
cpu0 = time.process_time()
for b in bodies:
    feedparser.parse(io.BytesIO(b), response_headers={"content-location": "https://x.example/"})
print(json.dumps({"cpu": time.process_time() - cpu0}))
"""


def run_phase(script: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"benchmark phase failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_config(folder: Path, ports: list[int], feeds: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(feeds):
        port = ports[i % len(ports)]
        lines.append(
            f'[[company]]\nname = "Benchco{i:04d}"\n'
            f'[[company.sources]]\nurl = "http://127.0.0.1:{port}/{i}.xml"\n'
        )
    (folder / "bench.toml").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--workers", type=int, default=64)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the cheap phases (median)")
    args = parser.parse_args()
    here = str(Path(__file__).resolve().parent)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, here, str(HOSTS), str(args.feeds), str(args.items),
         str(args.latency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        ports = json.loads(server.stdout.readline())
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_config(root / "feeds", ports, args.feeds)
            common = [str(root / "feeds")]
            # The cheap phases run --repeat times (a fresh database each first fetch) and report
            # the run with the median CPU time; the analysis phase runs once.
            bares = [
                run_phase(PHASE, *common, str(root / f"bare{k}.duckdb"), str(args.workers), "0")
                for k in range(args.repeat)
            ]
            first = run_phase(PHASE, *common, str(root / "full.duckdb"), str(args.workers), "1")
            seconds = [
                run_phase(PHASE, *common, str(root / "full.duckdb"), str(args.workers), "1")
                for _ in range(args.repeat)
            ]
            baselines = [
                run_phase(BASELINE, here, str(args.feeds), str(args.items)) for _ in range(args.repeat)
            ]
            bare, second, baseline = (
                sorted(runs, key=lambda r: r["cpu"])[len(runs) // 2]
                for runs in (bares, seconds, baselines)
            )
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    fp = baseline["cpu"]
    print(f"{args.feeds} feeds x {args.items} items, {HOSTS} hosts, {args.latency * 1000:.0f} ms "
          f"latency, --workers {args.workers}, {os.cpu_count()} cores")
    print(f"{'phase':<38}{'wall s':>8}{'cpu s':>8}{'cpu/feedparser':>16}{'peak RSS MB':>13}")
    rows = [
        ("first fetch, no analysis", bare),
        ("first fetch, with analysis (cron)", first),
        ("second fetch (all 304)", second),
    ]
    for label, r in rows:
        print(f"{label:<38}{r['wall']:>8.2f}{r['cpu']:>8.2f}{r['cpu'] / fp:>16.3f}{r['rss_mb']:>13.0f}")
    print(f"  (fetch without analysis, second fetch and feedparser: median of {args.repeat} runs; "
          f"CPU times per run: {[round(r['cpu'], 2) for r in bares]}, "
          f"{[round(r['cpu'], 2) for r in seconds]}, {[round(r['cpu'], 2) for r in baselines]})")
    print(f"{'feedparser.parse alone, same bytes':<38}{'':>8}{fp:>8.2f}{1.0:>16.3f}")
    print(f"summaries: first: {first['summary']} | second: {second['summary']}")
    # The goals were set for the fetch pipeline (fetch, parse, normalise, store); analysis at
    # ingest came later and is judged by bench/analysis.py, so both columns are shown.
    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print("goals                      fetch+parse+store   with analysis")
    for name, key, limit in (
        ("first fetch <= 10 s", "wall", 10.0),
        ("CPU / feedparser <= 0.25", "ratio", 0.25),
        ("peak RSS <= 400 MB", "rss_mb", 400.0),
    ):
        for r in (bare, first):
            r["ratio"] = r["cpu"] / fp
        print(f"  {name:<26}{verdict(bare[key] <= limit):>16}{verdict(first[key] <= limit):>16}")
    print(f"  {'second fetch <= 3 s':<26}{verdict(second['wall'] <= 3):>16}")


if __name__ == "__main__":
    main()
