"""Render a brief and open it in headless Chromium: it must draw something and log no errors.

Skips when Chromium is not installed. TIDINGS_UPDATE_SCREENSHOT=1 also saves the desktop
screenshot as docs/images/brief.png.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from tidings.render import render_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and Path(p).exists()), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"
)


def _load_records() -> Any:
    spec = importlib.util.spec_from_file_location("golden_records", ROOT / "tests" / "golden" / "records.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_colours(data: bytes, limit: int = 10_000) -> tuple[int, int, int]:
    """(width, height, distinct colours) of an 8-bit RGB/RGBA PNG, decoded with zlib alone."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = colour_type = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour_type in (2, 6), "only 8-bit RGB(A) is handled"
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    bpp = 4 if colour_type == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours: set[bytes] = set()
    i = 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        if len(colours) < limit:
            colours.update(bytes(line[x : x + 3]) for x in range(0, stride, bpp))
        prev = line
    return width, height, len(colours)


def shoot(html_path: Path, png: Path, size: str, profile: Path) -> str:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        f"--screenshot={png}",
        f"--window-size={size}",
        html_path.as_uri(),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stderr


@pytest.mark.parametrize(("size", "label"), [("412,900", "phone"), ("1280,1500", "desktop")])
def test_brief_renders_in_chromium(tmp_path: Path, size: str, label: str) -> None:
    records = _load_records()
    page = tmp_path / "brief.html"
    html = render_html(records.brief())
    # The figures are inline SVG with a title and a description, beside a text table.
    assert html.count("<svg ") == 2 and html.count("<title id=") == 2 and html.count("<desc id=") == 2
    page.write_text(html, encoding="utf-8")
    png = tmp_path / f"{label}.png"
    log = shoot(page, png, size, tmp_path / "profile")
    assert "Uncaught" not in log and "ERROR:CONSOLE" not in log
    # A CSP violation would mean the page tried to load something external.
    assert "Content Security Policy" not in log
    width, height, colours = png_colours(png.read_bytes())
    assert (width, height) == tuple(int(v) for v in size.split(","))
    assert colours > 20, f"screenshot looks blank ({colours} colours)"
    if label == "desktop" and os.environ.get("TIDINGS_UPDATE_SCREENSHOT") == "1":
        target = ROOT / "docs" / "images" / "brief.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)


def test_blank_page_is_detected(tmp_path: Path) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    png = tmp_path / "blank.png"
    shoot(page, png, "412,300", tmp_path / "profile")
    assert png_colours(png.read_bytes())[2] <= 2


def test_figures_render_in_chromium(tmp_path: Path) -> None:
    """The two SVG figures alone, screenshotted: they draw (colours beyond text grey) and load nothing."""
    from tidings.render.figures import share_of_voice, timeline, timeline_svg, voice_svg

    brief = _load_records().brief()
    svg = timeline_svg(brief, timeline(brief)) + voice_svg(share_of_voice(brief))
    page = tmp_path / "figures.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\"></head><body>" + svg + "</body></html>",
        encoding="utf-8",
    )
    png = tmp_path / "figures.png"
    log = shoot(page, png, "700,500", tmp_path / "profile")
    assert "Content Security Policy" not in log and "ERROR:CONSOLE" not in log
    assert png_colours(png.read_bytes())[2] > 20
