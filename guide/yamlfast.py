"""YAML through libyaml's C parser: the same documents, nodes and line marks as PyYAML's pure-Python
safe loader, about ten times faster (the registry is read by many tests and by every build).

PyYAML's wheel is built with libyaml; where it is not, the pure-Python loader is used, with the same results.
"""
from __future__ import annotations

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """yaml.safe_load, with the C loader."""
    return yaml.load(text, Loader=LOADER)


def compose(text: str) -> yaml.Node | None:
    """yaml.compose (nodes with their line marks, for error messages), with the C loader."""
    return yaml.compose(text, Loader=LOADER)
