"""The markdown pipe-table line shapes both the text reader and normalisation test
(one definition each, so the reader's split and normalisation's joins agree)."""

import re

PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")  # "| a | b |": a table row on one line
LONE_PIPES = re.compile(r"^\|(?:\s*\|)*$")  # "|", "| |||": pipes only (a layout grid or a broken row)
