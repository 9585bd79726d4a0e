"""JSON Schema checks for the data files (data/schema/*.yml), with the file and line of every problem.

jsonschema (the reference validator) does the checking; this module only turns each error's path in the
document into the line of the YAML node it points at, and says what to do. Used by guide.screens and
guide.routes when they load their file, so a bad value stops the build with `file:line: problem`.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from mkdocs.exceptions import PluginError

from guide import DATA, ROOT, yamlfast

SCHEMAS = DATA / "schema"

#: What to do about each kind of schema error, added to its message.
HINTS = {
    "additionalProperties": "remove or rename the key; a value with a comma inside {…} must be quoted "
                            "(\"a, b\"), or YAML reads the part after the comma as a key of its own",
    "required": "add the missing field",
    "type": "give a value of the type named (quote text that YAML reads as a number, such as \"20:00\")",
    "enum": "use one of the values named",
    "pattern": "use the form named",
    "minLength": "give a value",
    "minItems": "list at least one item",
}


class DataError(ValueError, PluginError):
    """A data file that cannot be used; the message names the file and the line. A PluginError, so a build
    that meets it stops with that one message (MkDocs prints a BuildError's message, not its traceback)."""

    def __init__(self, message: str):
        ValueError.__init__(self, message)
        self.message = message              # what click's exception (PluginError's base) prints


def read(path: Path, error: type[Exception]) -> tuple[object, yaml.Node | None]:
    """A data file's documents and its nodes (their line marks name the lines in messages); a file that
    is not YAML raises `error` naming the file."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        return yamlfast.safe_load(text), yamlfast.compose(text)
    except yaml.YAMLError as exc:
        raise error(yaml_error(path, exc)) from exc
    except ValueError as exc:           # a date YAML cannot make (2026-13-01): PyYAML names no line
        node = _unmade_date(yamlfast.compose(text))
        at = f":{node.start_mark.line + 1}: {node.value}" if node else ": a date or time"
        raise error(f"{shown_path(path)}{at} is not a real date or time ({exc}); correct it") from exc


def _unmade_date(node: yaml.Node | None) -> yaml.ScalarNode | None:
    """The first value that YAML reads as a date (its timestamp tag; not a comment, not quoted text) but
    cannot make into one."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag.endswith(":timestamp"):
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return node
        return None
    children = (node.value if isinstance(node, yaml.SequenceNode) else
                [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else [])
    return next((bad for child in children if (bad := _unmade_date(child))), None)


def yaml_error(path: Path, exc: yaml.YAMLError) -> str:
    """'file:line: not valid YAML: what the parser found (while …); fix the syntax there'."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else 1
    what = "; ".join(str(x) for x in (getattr(exc, "problem", None), getattr(exc, "context", None)) if x) or str(exc)
    start = getattr(exc, "context_mark", None)
    began = f" (it began on line {start.line + 1})" if start and mark and start.line != mark.line else ""
    return f"{shown_path(path)}:{line}: not valid YAML: {what}{began}; fix the syntax on that line or the one above"


def shown_path(path: Path) -> str:
    """The file as a message names it: relative to the repository (data/screens.yml), else its name."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


@lru_cache(maxsize=8)
def validator(name: str) -> Draft202012Validator:
    schema = yamlfast.safe_load((SCHEMAS / f"{name}.yml").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def node_at(root: yaml.Node | None, path) -> yaml.Node | None:
    """The YAML node at a jsonschema path (keys and list indexes), or the deepest one that exists."""
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            found = node.value[part]
        else:
            found = None
        if found is None:
            break
        node = found
    return node


def problems(name: str, path: Path, data, root: yaml.Node | None) -> list[str]:
    """Every way `data` (read from `path`, composed as `root`) breaks data/schema/<name>.yml, as
    `file:line: where: message; what to do`, in document order."""
    shown = shown_path(path)
    found, meant = [], set()
    errors = list(validator(name).iter_errors(data))
    for error in errors:                        # a misspelt key: its suggestion is not also reported missing
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = list((error.schema.get("properties") or {}))
            meant |= {(tuple(error.absolute_path), m) for k in error.instance if k not in known
                      for m in difflib.get_close_matches(str(k), known, n=1, cutoff=0.6)}
    for error in errors:
        missing = re.match(r"'([^']+)' is a required property", error.message) if error.validator == "required" else None
        if missing and (tuple(error.absolute_path), missing.group(1)) in meant:
            continue
        node = node_at(root, error.absolute_path)
        line = node.start_mark.line + 1 if node is not None else 1
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        hint = HINTS.get(error.validator, "see the schema")
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = list((error.schema.get("properties") or {}))
            for key in [k for k in error.instance if k not in known]:
                near = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                key_node = next((k for k, _ in getattr(node, "value", []) if getattr(k, "value", None) == key), None)
                at = key_node.start_mark.line + 1 if key_node is not None else line
                found.append((at, f"{shown}:{at}: {where}: unknown key '{key}'; "
                                  + (f"did you mean '{near[0]}'?" if near else f"known keys: {', '.join(known)}; {hint}")
                                  + f" (schema: data/schema/{name}.yml)"))
            continue
        found.append((line, f"{shown}:{line}: {where}: {error.message}; {hint} "
                            f"(schema: data/schema/{name}.yml)"))
    return [text for _, text in sorted(found)]


def data_problem(data: Path = DATA) -> str | None:
    """The first problem of the data files, as one `file:line: problem; what to do` message, or None: each
    data/*.yml must be YAML, and screens, routes and sources must load (their schemas and cross-checks).
    The tests call it once before collecting (tests/conftest.py), so a broken file is one message."""
    for path in sorted(data.glob("*.yml")):
        try:
            read(path, DataError)
        except DataError as exc:
            return str(exc)
    from guide import routes, screens, sources
    try:
        routes.load(data / "routes.yml", screens=screens.load(data / "screens.yml"))
        sources.load_registry(data / "sources.yml")
    except ValueError as exc:           # ScreensError, RoutesError and the registry's errors
        return str(exc)
    return None
