"""reports/ knows nothing of Slack: its Slack side lives in bot/slack like every other area's,
so there is no reports <-> bot.slack import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import reports

SLACK = ("slack_sdk", "slack_bolt", "bot.slack")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (also inside functions and TYPE_CHECKING)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def is_slack(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in SLACK)


def test_the_scan_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def post():\n    from bot import slack\n    import slack_sdk.errors\n")
    assert {m for m in imported_modules(sample) if is_slack(m)} == {"bot.slack", "slack_sdk.errors"}


def test_reports_import_nothing_of_slack():
    files = sorted(Path(reports.__file__).parent.rglob("*.py"))
    assert len(files) > 10
    found = {
        f"{path.name}: {module}"
        for path in files
        for module in imported_modules(path)
        if is_slack(module)
    }
    assert found == set()
