"""`search` lists a story once: a wire's undated copy of a post (the same headline and text under
another link) came first, dated the day it was first seen, and its dated original second (found
by review 22: "face id" listed both copies of two Macworld posts).

Real CLI, real HTTP server on 127.0.0.1, real DuckDB file.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_intel_e2e import run
from tests.test_voice_story_date import _workspace


def test_a_copy_and_its_original_are_one_result(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    hits = json.loads(run(root, "search", "harbor release", "--since", "all", "--json").stdout)
    assert [h["url"] for h in hits] == ["https://northwind.example/harbor-9-2"], hits
    # still every story that matches
    hits = json.loads(run(root, "search", "northwind", "--since", "all", "--json").stdout)
    assert len(hits) == 2, hits
    text = run(root, "search", "harbor release", "--since", "all")
    assert text.stdout.count("Northwind Harbor 9.2 released") == 1, text.stdout
