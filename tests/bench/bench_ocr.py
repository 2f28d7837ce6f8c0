"""OCR throughput: pages per minute, and the share of time per stage.

Run: .venv/bin/python tests/bench/bench_ocr.py [SCANNED_PDFS...] [--workers 2] [--dpi 300]
Without PDFs, scans of corpus/003 and corpus/004 (7 pages) are made first with
scripts/make_scans.py. Each PDF goes through ``ingest.parse`` (OCR in ``--workers`` parallel
Tesseract processes) and ``nlp.extract``; prints wall-clock pages/minute and the share of the
wall time spent rendering, straightening (despeckle + deskew), recognising, parsing (layout,
normalisation, header, sections) and extracting. Stage shares inside OCR come from the
per-page timings, scaled to the OCR wall time (pages run side by side).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import ingest  # noqa: E402
import nlp  # noqa: E402
from ingest import ocr_run  # noqa: E402
from ingest.options import ReaderOptions  # noqa: E402

DEFAULT = ["003_bb165a48bff84d49", "004_109a5fc621c102c2"]


def _default_scans(out: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "scripts" / "make_scans.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [module.make_scan(ROOT / "corpus" / f"{stem}.pdf", out / f"{stem}.pdf") for stem in DEFAULT]


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the Tesseract processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args()
    options = ReaderOptions(ocr_workers=args.workers, ocr_dpi=args.dpi)

    captured: list[tuple[float, list]] = []
    real = ocr_run.recognise_pages

    cpu = [0.0]

    def timed(*a, **k):  # the OCR wall time and per-page stage timings of each document
        t0 = time.perf_counter()
        c0 = _cpu()
        results = real(*a, **k)
        cpu[0] += _cpu() - c0
        captured.append((time.perf_counter() - t0, results))
        return results

    ocr_run.recognise_pages = timed
    nlp.extract(ingest.parse_text("Chỉ thị\nGiao Sở Tư pháp chủ trì thực hiện."))  # load the models first
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = args.pdfs or _default_scans(Path(tmp))
        parse_wall = extract_wall = 0.0
        for pdf in pdfs:
            t0 = time.perf_counter()
            doc = ingest.parse(pdf, options=options)
            t1 = time.perf_counter()
            nlp.extract(doc)
            t2 = time.perf_counter()
            parse_wall += t1 - t0
            extract_wall += t2 - t1
            info = doc.source.ocr
            print(f"{pdf.name}: {len(info.pages) if info else 0} OCR pages, confidence {info.confidence if info else '-'}%,"
                  f" {t1 - t0:.1f} s parse, {t2 - t1:.1f} s extract")
    ocr_wall = sum(wall for wall, _ in captured)
    pages = sum(len(results) for _, results in captured)
    stages = {"render": 0.0, "deskew": 0.0, "recognise": 0.0}
    for _, results in captured:
        for r in results:
            for name in stages:
                stages[name] += r.timings.get(name, 0.0)
    inside = sum(stages.values()) or 1.0
    wall = {name: ocr_wall * value / inside for name, value in stages.items()}
    wall["parse"] = parse_wall - ocr_wall
    wall["extract"] = extract_wall
    total = sum(wall.values())
    print(f"\n{pages} pages in {total:.1f} s with {args.workers} workers on {os.cpu_count()} cores, {args.dpi} dpi: "
          f"{pages / total * 60:.1f} pages/minute (OCR alone {pages / ocr_wall * 60:.1f})")
    for name, seconds in wall.items():
        print(f"  {name:10} {seconds:7.1f} s  {seconds / total:6.1%}")
    load = os.getloadavg()[0]
    print(f"OCR CPU time {cpu[0] / pages:.1f} s a page: {60 * (os.cpu_count() or 1) / (cpu[0] / pages):.1f} pages/minute "
          f"on {os.cpu_count()} idle cores (load average now {load:.1f}: the machine may be shared)")


if __name__ == "__main__":
    main()
