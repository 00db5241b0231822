"""The package layout: no import circles, and imports point down only.

handlers → bot services → storage. Inside bot/, a feature uses the packages below it, never one
above or beside it: core at the bottom, then telegram and scheduling, flows, privacy and
routing, signals and questions, people (my data and absence read both features). The top of bot/
(app.py, services.py, cli.py) puts the features together. handlers/ mirrors the
same order. Every import counts, also one inside a function or under TYPE_CHECKING: a circle
that is only postponed is still a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP_LEVEL = ("bot", "handlers", "storage", "sandbox")

# Rank of each package: a module may import its own package and packages of a lower rank.
RANKS = {
    "core": 0,
    "telegram": 1,
    "scheduling": 1,
    "flows": 2,
    "privacy": 3,
    "routing": 3,
    "signals": 4,
    "questions": 4,
    "people": 5,
    "consultation": 6,
    "shifts": 6,
    "announcements": 6,
}
# bot/core/deps.py bundles what the services get, the outbox and office hours included: it sits
# above bot/telegram and bot/scheduling, below the features that take it (bot/flows' DraftService
# among them).
MODULE_RANKS = {"bot.core.deps": 1.5}


def modules() -> dict[str, Path]:
    found = {}
    for top in TOP_LEVEL:
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules `path` imports, wherever the import stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in known:
                    found.add(submodule)
                elif node.module in known:
                    found.add(node.module)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def feature(module: str) -> tuple[str, str] | None:
    """(layer, package) for a module inside a feature package of bot/ or handlers/."""
    parts = module.split(".")
    if parts[0] in ("bot", "handlers") and len(parts) > 1 and parts[1] in RANKS:
        return parts[0], parts[1]
    return None


def wrong_way(source: str, target: str) -> bool:
    src, dst = source.split(".")[0], target.split(".")[0]
    if src == "storage":
        return dst != "storage"
    if src == "bot" and dst in ("handlers", "sandbox"):
        return source not in ("bot.app", "bot.cli")  # the composition root and the command
    if src == "handlers" and target in ("bot.app", "bot.cli"):
        return True
    source_feature, target_feature = feature(source), feature(target)
    if source_feature is None:
        return False  # the top of bot/ and of handlers/, and the sandbox, may use anything
    if target_feature is None:
        # A feature module uses lower layers only: storage, and the bot layer from handlers.
        return not (dst == "storage" or (src == "handlers" and dst == "bot" and target != "bot"))
    (source_layer, source_package), (target_layer, target_package) = (
        source_feature,
        target_feature,
    )
    if source_layer == "bot" and target_layer == "handlers":
        return True
    if source_layer != target_layer:
        return False  # handlers → bot services, any feature
    if source_package == target_package:
        return False
    return rank(target, target_package) >= rank(source, source_package)


def rank(module: str, package: str) -> float:
    return MODULE_RANKS.get(module, RANKS[package])


def test_no_module_imports_itself_round_about() -> None:
    assert circles(graph()) == []


def test_imports_point_down() -> None:
    edges = graph()
    upward = sorted(
        f"{source} → {target}"
        for source, targets in edges.items()
        for target in targets
        if wrong_way(source, target)
    )
    assert upward == []


def test_every_feature_package_of_bot_has_its_place_in_the_order() -> None:
    packages = {path.parent.name for path in (ROOT / "bot").glob("*/__init__.py")}
    assert packages == set(RANKS)
