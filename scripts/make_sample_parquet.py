"""Rebuilds corpus/raw/sample/records/extracted-articles.parquet, the sample's Parquet input.

The file holds two synthetic, already-extracted articles. The first is copied field for field from
the second record of extracted-articles.jsonl, so the sample has an exact duplicate across two
formats for deduplication to collapse; the second is unique to this file. Run it after editing
either; it must never touch any other file.

Usage: .venv/bin/python scripts/make_sample_parquet.py
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

RECORDS = Path(__file__).resolve().parents[1] / "corpus" / "raw" / "sample" / "records"
JSONL = RECORDS / "extracted-articles.jsonl"
OUT = RECORDS / "extracted-articles.parquet"
LICENSE = "CC0-1.0 (synthetic)"

# The published time is a real timestamp here (a string in the JSONL): readers must accept both.
SCHEMA = pa.schema(
    [
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("text", pa.string()),
        pa.field("published", pa.timestamp("us", tz="UTC")),
        pa.field("source", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("license", pa.string()),
    ]
)

FLOOD_WALLS = {
    "url": "https://www.brenmoorherald.example/city/2025/04/01/river-brenn-flood-walls",
    "title": "Brenmoor to raise river walls after second flood in three years",
    "text": "\n\n".join(
        [
            "Brenmoor will spend €74 million raising the flood walls along the River Brenn after "
            "water overtopped the embankment in the Old Town for the second time in three years, "
            "the city said on Tuesday.",
            "Deputy Mayor Teodor Ralić said the walls would be raised by 80 centimetres over four "
            "years, starting with the stretch between the Stone Bridge and the central market.",
            '"We built these walls for the river of our grandparents. The river has changed; the '
            'walls have not," Ralić said.',
            "Shop owners in the Old Town, some of whom reopened only last month, welcomed the plan "
            "but worried about four years of building works. Linnea Castellano, who runs a "
            "bookshop on Ferry Street, said her insurance premium had tripled since the first "
            "flood.",
            '"I am glad they are doing something," she said. "I would be gladder if they had done '
            'it after the first time."',
        ]
    ),
    "published": "2025-04-01T10:00:00+02:00",
    "source": "The Brenmoor Herald",
    "authors": ["Marek Holm"],
    "license": LICENSE,
}


def _row(record: dict[str, object]) -> dict[str, object]:
    row = {name: record.get(name) for name in SCHEMA.names}
    row["published"] = datetime.fromisoformat(str(record["published"]))
    return row


def main() -> None:
    lines = JSONL.read_text(encoding="utf-8").splitlines()
    duplicate = json.loads(lines[1])
    table = pa.Table.from_pylist([_row(duplicate), _row(FLOOD_WALLS)], schema=SCHEMA)
    pq.write_table(table, OUT, compression="zstd")


if __name__ == "__main__":
    main()
