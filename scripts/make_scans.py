#!/usr/bin/env python3
"""Make scanner-like, image-only PDFs from text PDFs (the OCR test corpus).

Each page is rendered to a greyscale image at 200-300 dpi, turned by a slight random angle
(±1.5°), given sensor noise and dust specks, and the last page gets a red stamp-like blot over
its lower right (where the signature is); the pages are JPEG-compressed and rebuilt into a PDF
with no text layer, the way an office scanner makes them. Deterministic for a given seed.

usage: make_scans.py PDF... [--out DIR] [--dpi 200] [--seed 0]

>>> # from Python (the tests do this):  make_scan(Path("a.pdf"), Path("out/a.pdf"), dpi=200)
"""

from __future__ import annotations

import argparse
import io
import math
import random
import tempfile
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]


def _noisy(image: Image.Image, rng: random.Random, sigma: float, specks: float) -> Image.Image:
    arr = np.asarray(image, dtype=np.float32)
    gen = np.random.default_rng(rng.randrange(2**32))
    arr = arr + gen.normal(0.0, sigma, arr.shape[:2])[..., None] if arr.ndim == 3 else arr + gen.normal(
        0.0, sigma, arr.shape)
    mask = gen.random(arr.shape[:2]) < specks
    arr[mask] = 40.0  # dust: dark specks
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def stamp(image: Image.Image, rng: random.Random, centre: tuple[float, float] | None = None) -> Image.Image:
    """A red round seal (two rings, a star, a smudged fill) blended over the page."""
    w, h = image.size
    radius = int(min(w, h) * 0.09)
    cx, cy = centre or (w * rng.uniform(0.6, 0.75), h * rng.uniform(0.7, 0.85))
    layer = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(layer)
    box = (cx - radius, cy - radius, cx + radius, cy + radius)
    draw.ellipse(box, outline=200, width=max(3, radius // 12))
    inner = radius * 0.72
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=170, width=max(2, radius // 25))
    star = [
        (cx + (inner * (0.5 if k % 2 else 0.25)) * math.cos(math.pi / 2 + k * math.pi / 5),
         cy - (inner * (0.5 if k % 2 else 0.25)) * math.sin(math.pi / 2 + k * math.pi / 5))
        for k in range(10)
    ]
    draw.polygon(star, fill=190)
    for _ in range(40):  # the seal's lettering, as ink dots around the ring
        angle = rng.uniform(0, 2 * math.pi)
        r = radius * 0.86
        x, y = cx + r * math.cos(angle), cy + r * math.sin(angle)
        draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=150)
    layer = layer.filter(ImageFilter.GaussianBlur(2))
    alpha = np.asarray(layer, dtype=np.float32)[..., None] / 255.0 * 0.8
    page = np.asarray(image.convert("RGB"), dtype=np.float32)
    red = np.array([200.0, 30.0, 40.0])
    out = page * (1 - alpha) + np.minimum(page, red) * alpha
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def scan_page(image: Image.Image, rng: random.Random, *, with_stamp: bool, upside_down: bool = False,
              max_angle: float = 1.5) -> Image.Image:
    """One rendered page made to look scanned."""
    page = image.convert("L")
    angle = rng.uniform(-max_angle, max_angle)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    page = _noisy(page, rng, sigma=10.0, specks=0.0008)
    if with_stamp:
        page = stamp(page, rng)
    if upside_down:
        page = page.rotate(180)
    return page


def to_pdf(pages: list[Image.Image], out: Path, dpi: int, quality: int = 70) -> None:
    """Image-only PDF: each page a JPEG, no text layer."""
    out.parent.mkdir(parents=True, exist_ok=True)
    jpegs = []
    for page in pages:
        buf = io.BytesIO()
        page.save(buf, "JPEG", quality=quality)
        jpegs.append(Image.open(io.BytesIO(buf.getvalue())))
    jpegs[0].save(out, "PDF", save_all=True, append_images=jpegs[1:], resolution=float(dpi))


def make_scan(source: Path, out: Path, *, dpi: int = 200, seed: int = 0, pages: list[int] | None = None,
              upside_down: tuple[int, ...] = ()) -> Path:
    """Scan ``source`` (a text PDF) into ``out``; ``pages``: 1-based page numbers (all)."""
    rng = random.Random(f"{source.name}:{seed}")
    pdf = pdfium.PdfDocument(str(source))
    numbers = pages or list(range(1, len(pdf) + 1))
    images = []
    for n in numbers:
        page = pdf[n - 1]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        page.close()
        images.append(scan_page(image, rng, with_stamp=n == numbers[-1], upside_down=n in upside_down))
    pdf.close()
    to_pdf(images, out, dpi)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="text PDFs (default: corpus/*.pdf)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "directives-scans")
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sources = args.pdfs or sorted((ROOT / "corpus").glob("*.pdf"))
    for source in sources:
        out = make_scan(source, args.out / source.name, dpi=args.dpi, seed=args.seed)
        print(f"{out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
