"""The layers' import rule (docs/architecture.md "Layers"): the core, the clock, storage and
reports know no chat surface, not even in an import inside a function or under TYPE_CHECKING.
A surface (bot/slack, bot/teams) may import the core; never the other way round, and never
the other surface: what both need lives below them (bot/forms, bot/views)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SURFACE_FREE = (
    "bot/forms",
    "bot/jobs",
    "bot/procedure",
    "bot/service.py",
    "bot/lookup.py",
    "bot/intake",
    "bot/views",
    "storage",
    "reports",
)
SURFACES = ("bot.slack", "bot.teams")
# The chat services' own libraries belong to their surface as well.
SURFACE_LIBRARIES = ("slack_sdk", "slack_bolt", "botbuilder", "microsoft_teams")
FORBIDDEN = SURFACES + SURFACE_LIBRARIES


def modules_of(layer: str) -> list[Path]:
    path = ROOT / layer
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(source: str, package: list[str]) -> list[tuple[int, str]]:
    """Every module an `import` or `from … import` anywhere in `source` names (relative imports
    resolved against `package`; `from bot import slack` counts as importing bot.slack)."""
    tree = ast.parse(source)
    names: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names += [(node.lineno, base)]
            names += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return names


# A surface may not import the other surface (its library included).
OTHER_SURFACE = {
    "bot/slack": ("bot.teams", "botbuilder", "microsoft_teams"),
    "bot/teams": ("bot.slack", "slack_sdk", "slack_bolt"),
}


def forbidden(
    source: str, package: list[str], bad_names: tuple[str, ...] = FORBIDDEN
) -> list[tuple[int, str]]:
    return sorted(
        {
            (line, name)
            for line, name in imported_names(source, package)
            if any(name == bad or name.startswith(bad + ".") for bad in bad_names)
        }
    )


def forbidden_imports(path: Path, bad_names: tuple[str, ...] = FORBIDDEN) -> list[str]:
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    source = path.read_text(encoding="utf-8")
    rel = path.relative_to(ROOT)
    found = forbidden(source, package, bad_names)
    return [f"{rel}:{line} imports {name}" for line, name in found]


@pytest.mark.parametrize("layer", SURFACE_FREE)
def test_the_layer_imports_no_chat_surface(layer: str) -> None:
    found = [line for path in modules_of(layer) for line in forbidden_imports(path)]
    assert found == []


@pytest.mark.parametrize("surface", sorted(OTHER_SURFACE))
def test_a_surface_imports_not_the_other(surface: str) -> None:
    bad_names = OTHER_SURFACE[surface]
    found = [line for path in modules_of(surface) for line in forbidden_imports(path, bad_names)]
    assert found == []


def test_the_rule_sees_imports_inside_functions_and_relative_ones() -> None:
    """The checker itself: a function-level, a TYPE_CHECKING, a `from bot import teams` and a
    relative import of a surface are all caught; a look-alike name is not."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from slack_sdk import WebClient\n"
        "def f():\n"
        "    from bot.slack.actors import officers_to_tell\n"
        "    from bot import teams\n"
        "    from ..slack import delivery\n"
        "    import bot.slackish\n"
    )
    assert {name for _, name in forbidden(source, ["bot", "jobs"])} == {
        "slack_sdk",
        "slack_sdk.WebClient",
        "bot.slack.actors",
        "bot.slack.actors.officers_to_tell",
        "bot.teams",
        "bot.slack",
        "bot.slack.delivery",
    }
