"""JSON Schema checks for the data files (data/schema/*.yml), with the file and line of every problem.

jsonschema (the reference validator) does the checking; this module only turns each error's path in the
document into the line of the YAML node it points at, and says what to do. Used by guide.screens and
guide.routes when they load their file, so a bad value stops the build with `file:line: problem`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from guide import DATA, ROOT, yamlfast

SCHEMAS = DATA / "schema"

#: What to do about each kind of schema error, added to its message.
HINTS = {
    "additionalProperties": "remove or rename the key; a value with a comma inside {…} must be quoted "
                            "(\"a, b\"), or YAML reads the part after the comma as a key of its own",
    "required": "add the missing field",
    "type": "give a value of the type named",
    "enum": "use one of the values named",
    "pattern": "use the form named",
    "minLength": "give a value",
    "minItems": "list at least one item",
}


def read(path: Path, error: type[Exception]) -> tuple[object, yaml.Node | None]:
    """A data file's documents and its nodes (their line marks name the lines in messages); a file that
    is not YAML raises `error` naming the file."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        return yamlfast.safe_load(text), yamlfast.compose(text)
    except yaml.YAMLError as exc:
        raise error(f"{shown_path(path)}: not valid YAML ({exc}); fix the syntax") from exc


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
    found = []
    for error in validator(name).iter_errors(data):
        node = node_at(root, error.absolute_path)
        line = node.start_mark.line + 1 if node is not None else 1
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        hint = HINTS.get(error.validator, "see the schema")
        found.append((line, f"{shown}:{line}: {where}: {error.message}; {hint} "
                            f"(schema: data/schema/{name}.yml)"))
    return [text for _, text in sorted(found)]
