"""Benchmark: hostile e-mail. Parse time of each 1 MB adversarial body shape, the growth of
the shapes that could make a scan quadratic (time for 4x the size; linear is about 4x), MIME
nested 1,000 and 5,000 deep, and `klachtenbot ingest` of the resource cases on SQLite and
PostgreSQL: time and peak memory of each beside an ordinary message of the same size (text and
one attachment). Targets: every message under the 25 MB cap within 300 MB and within 3x the
time of the ordinary message of its size; the 50 MB message (over the cap) stored with exit 0.

    .venv/bin/python bench/hostile.py [--ingest-mb N] [--quick]

Each ingest runs in a child process of its own, so its peak memory (VmHWM) is its own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.intake.parse import parse_message  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.support.databases import database_url, postgres_unavailable_reason  # noqa: E402
from tests.support.hostile import (  # noqa: E402
    GROWING_SHAPES,
    HTML_SHAPES,
    MB,
    PLAIN_SHAPES,
    mail_with_body,
    many_parts_mail,
    nested_mail,
    plain_text_mail,
)

REPEATS = 3
# The child: ingest one file through the real command, then report its own peak memory:
# VmHWM, not ru_maxrss, which on Linux also counts the forked parent's pages before exec.
CHILD = (
    "import re, sys; from bot.cli import main; code = main(['ingest', sys.argv[1]]); "
    "status = open('/proc/self/status').read(); "
    "print(int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1)) // 1024, file=sys.stderr); "
    "sys.exit(code)"
)


def parse_seconds(raw: bytes) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        parse_message(raw)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def shapes() -> None:
    print(f"1 MB adversarial bodies, parse_message, median of {REPEATS}:")
    cases = [(name, mail_with_body(make())) for name, make in PLAIN_SHAPES.items()]
    cases += [
        (f"html: {name}", mail_with_body(make(), "html")) for name, make in HTML_SHAPES.items()
    ]
    for name, raw in cases:
        print(f"  {name:<34} {len(raw) / MB:5.2f} MB  {parse_seconds(raw) * 1000:8.1f} ms")
    print("  linear? the same shapes at 2 MB, time relative to 1 MB (quadratic would be ~4x):")
    for name in ("quoted lines", "blank lines of spaces", "header-like lines"):
        body = PLAIN_SHAPES[name]()
        ratio = parse_seconds(mail_with_body(body * 2)) / parse_seconds(mail_with_body(body))
        print(f"    {name:<32} x{ratio:.1f}")
    for name in ("unclosed tags", "lone brackets"):
        body = HTML_SHAPES[name]()
        ratio = parse_seconds(mail_with_body(body * 2, "html")) / parse_seconds(
            mail_with_body(body, "html")
        )
        print(f"    html: {name:<26} x{ratio:.1f}")
    for depth in (1000, 5000):
        raw = nested_mail(depth)
        print(f"  MIME nested {depth:>5} deep {'':<16} {parse_seconds(raw) * 1000:8.1f} ms")
    print("  400 kB and 1.6 MB of the shapes that could make a scan quadratic (linear: ~4x):")
    for name, make in GROWING_SHAPES.items():
        small = parse_seconds(mail_with_body(make(400 * 1024)))
        large = parse_seconds(mail_with_body(make(1600 * 1024)))
        print(f"    {name:<32} {small * 1000:7.1f} ms {large * 1000:8.1f} ms  x{large / small:.1f}")


def big_message(megabytes: float) -> bytes:
    message = EmailMessage()
    message["From"] = "Sanne de Wit <sanne.dewit@example.com>"
    message["Subject"] = "Klacht met grote bijlage"
    message.set_content("Zie de video in de bijlage.")
    # base64 makes 4 bytes of 3: this fills the message to about `megabytes`.
    payload = os.urandom(int(megabytes * MB) * 3 // 4)
    message.add_attachment(payload, maintype="video", subtype="mp4", filename="video.mp4")
    return message.as_bytes()


def resource_cases(quick: bool) -> list[tuple[str, bytes]]:
    """The issue's resource cases (each under the 25 MB cap); a quarter of each with `quick`."""
    scale = 4 if quick else 1
    text, marker = 24 * MB // scale, int(6.4 * MB) // scale
    many, fewer = 200_000 // scale, 50_000 // scale
    return [
        ("plain text", plain_text_mail(text)),
        (f"{many:,} one-byte attachments", many_parts_mail(many)),
        (f"{fewer:,} one-byte attachments", many_parts_mail(fewer)),
        (
            "one line repeating a marker",
            mail_with_body(GROWING_SHAPES["one line repeating a marker"](marker)),
        ),
        ("quote levels", mail_with_body(GROWING_SHAPES["many quote levels, many lines"](text))),
    ]


def resources(kinds: list[str], folder: Path, quick: bool) -> None:
    print("klachtenbot ingest of the resource cases, beside an ordinary message of the same size:")
    for name, raw in resource_cases(quick):
        hostile = Path(folder) / "hostile.eml"
        ordinary = Path(folder) / "ordinary.eml"
        hostile.write_bytes(raw)
        ordinary.write_bytes(big_message_of(len(raw)))
        print(f"  {name} ({len(raw) / MB:.1f} MB):")
        for kind in kinds:
            seconds, peak, _said = ingest(kind, hostile, Path(tempfile.mkdtemp(dir=folder)))
            base, base_peak, _ = ingest(kind, ordinary, Path(tempfile.mkdtemp(dir=folder)))
            print(
                f"    {kind:<10} {seconds:5.1f} s, peak {peak} MB; ordinary {base:5.1f} s, "
                f"peak {base_peak} MB; time x{seconds / base:.1f}"
            )


def big_message_of(size: int) -> bytes:
    """An ordinary message of about `size` bytes: a line of text and one attachment."""
    return big_message(max(size, MB) / MB)


def ingest(kind: str, path: Path, folder: Path) -> tuple[float, str, str]:
    with database_url(kind, folder) as url:
        Database(url).upgrade()
        env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO), "LOG_LEVEL": "ERROR"}
        env.pop("KLACHTENBOT_ENV_FILE", None)
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)],
            env=env,
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
    lines = child.stderr.strip().splitlines()
    peak = lines[-1] if lines else "?"
    said = lines[0] if len(lines) > 1 else ""
    if child.returncode:
        print(f"    {kind}: exit {child.returncode} ({said})", file=sys.stderr)
    return seconds, peak, said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest-mb", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="a quarter of each size")
    args = parser.parse_args()
    shapes()
    kinds = ["sqlite"]
    reason = postgres_unavailable_reason()
    if reason:
        print(f"postgresql skipped: {reason}", file=sys.stderr)
    else:
        kinds.append("postgresql")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.eml"
        path.write_bytes(big_message(args.ingest_mb))
        size = path.stat().st_size / MB
        print(f"klachtenbot ingest of a {size:.1f} MB message (size setting 25 MB):")
        for kind in kinds:
            seconds, peak, said = ingest(kind, path, Path(tempfile.mkdtemp(dir=folder)))
            print(f"  {kind:<10} {seconds:5.1f} s  peak {peak} MB  ({said})")
        resources(kinds, Path(folder), args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
