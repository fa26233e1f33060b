"""Language-server benchmark: diagnostics after a keystroke in a 1,000-line file.

Run from the repository root::

    PYTHONPATH=. python bench/lsp.py [--lines N] [--files K]

A module of K files (default 4) is generated in a temporary directory, the
edited one about N lines long (default 1,000: DynamoDB tables, KMS keys,
log groups and buckets, so that every codemod has work). The server's
per-change work (``Modules.analyse``: the changed buffer and the module's
other files parsed, analysed and run through the configured codemods in
memory) is timed after each of 20 edits, one line changed each time, in one
process as the server does it. Printed: lines, median and worst time per
change, and the target (100 ms).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tffix.lsp.modules import Modules, Settings

_BLOCKS = [
    'resource "aws_kms_key" "k{i}" {{\n  description = "key {i}"\n}}\n',
    'resource "aws_cloudwatch_log_group" "g{i}" {{\n  name              = "/app/{i}"\n'
    "  retention_in_days = 30\n}}\n",
    'resource "aws_dynamodb_table" "t{i}" {{\n  name         = "t{i}"\n'
    '  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n'
    '  attribute {{\n    name = "id"\n    type = "S"\n  }}\n}}\n',
    'resource "aws_sns_topic" "s{i}" {{\n  name = "topic-{i}"\n}}\n',
]


def generate(lines: int) -> str:
    out, i = [], 0
    while sum(part.count("\n") for part in out) < lines:
        out.append(_BLOCKS[i % len(_BLOCKS)].format(i=i))
        out.append("\n")
        i += 1
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--files", type=int, default=4)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for k in range(1, args.files):
            (directory / f"other{k}.tf").write_text(
                generate(args.lines // 4).replace('"k', f'"o{k}k')
            )
        edited = directory / "main.tf"
        text = generate(args.lines)
        edited.write_text(text)
        modules = Modules()
        settings = Settings()
        modules.analyse(str(directory), {str(edited): text}, settings)  # imports, warm-up
        times = []
        for n in range(20):
            text = text.replace(f'"key {n}"', f'"key {n} edited"', 1)
            start = time.perf_counter()
            analysis = modules.analyse(str(directory), {str(edited): text}, settings)
            times.append(time.perf_counter() - start)
        found = sum(len(v) for v in analysis.findings.values())
    print(
        f"{'lines':>6} {'files':>6} {'findings':>9} {'median ms':>10} {'worst ms':>9} {'target':>7}"
    )
    print(
        f"{text.count(chr(10)):>6} {args.files:>6} {found:>9} "
        f"{statistics.median(times) * 1000:>10.1f} {max(times) * 1000:>9.1f} {'100':>7}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
