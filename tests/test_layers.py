"""The apps form layers: each imports only the apps below it, so there is no import circle between apps.

Every module of every app is read, with the imports inside functions and the modules named to ``import_module`` or
``import_string``: an import moved into a function to dodge a circle at start-up is still a circle. The order is
``settings.PROJECT_APPS`` (bottom first), and the README's "Layers" section says the same.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
#: The project itself (settings, the root URLconf, WSGI): it puts the apps together, so it may import every one.
PROJECT_MODULES = {"cms.settings", "cms.urls", "cms.wsgi"}
DYNAMIC_IMPORTS = {"import_module", "import_string"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_in(source: str, module: str, is_package: bool = False) -> Iterator[tuple[str, int]]:
    """Each module ``source`` imports, wherever the import is (top, function, class, ``if TYPE_CHECKING``)."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base, node.lineno
            # ``from surveys import results`` imports the module surveys.results
            yield from ((f"{base}.{alias.name}", node.lineno) for alias in node.names)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in DYNAMIC_IMPORTS and isinstance(node.args[0].value, str):
                yield node.args[0].value, node.lineno


def app_of(module: str) -> str | None:
    """The project app a module belongs to (the longest app name it starts with), else None (a library)."""
    owners = [app for app in settings.PROJECT_APPS if module == app or module.startswith(f"{app}.")]
    return max(owners, key=len, default=None)


def app_modules() -> Iterator[tuple[str, Path]]:
    for app in settings.PROJECT_APPS:
        for path in sorted((ROOT / app.replace(".", "/")).rglob("*.py")):
            module = module_name(path)
            if app_of(module) == app and module not in PROJECT_MODULES:
                yield module, path


def app_imports() -> dict[tuple[str, str], list[str]]:
    """Every import from one app into another, with where it is (``path:line``)."""
    edges: dict[tuple[str, str], list[str]] = {}
    for module, path in app_modules():
        source = path.read_text(encoding="utf-8")
        for imported, line in imports_in(source, module, path.name == "__init__.py"):
            importer, target = app_of(module), app_of(imported)
            where = f"{path.relative_to(ROOT)}:{line}"
            if target and target != importer and where not in edges.get((importer, target), []):
                edges.setdefault((importer, target), []).append(where)
    return edges


def cycles(edges) -> list[list[str]]:
    """The circles in the app graph (each as the apps on it), by depth-first search."""
    graph: dict[str, set[str]] = {}
    for importer, target in edges:
        graph.setdefault(importer, set()).add(target)
    found, seen = [], set()

    def visit(app: str, path: list[str]) -> None:
        for target in sorted(graph.get(app, ())):
            if target in path:
                circle = path[path.index(target) :]
                key = frozenset(circle)
                if key not in seen:
                    seen.add(key)
                    found.append([*circle, target])
            else:
                visit(target, [*path, target])

    for app in sorted(graph):
        visit(app, [app])
    return found


def test_no_import_circle_between_apps():
    edges = app_imports()
    circles = cycles(edges)
    evidence = {
        " -> ".join(circle): {f"{a} -> {b}": edges[a, b][:3] for a, b in zip(circle, circle[1:], strict=False)}
        for circle in circles
    }
    assert not circles, evidence


def test_each_app_imports_only_the_apps_below_it():
    order = list(settings.PROJECT_APPS)
    upward = {
        f"{importer} -> {target}": where
        for (importer, target), where in app_imports().items()
        if order.index(target) > order.index(importer)
    }
    assert not upward, upward


def test_the_reader_sees_imports_hidden_in_functions_and_strings():
    """The check above can fail: the reader finds the imports a circle hides behind."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from surveys.models import SurveyPage\n"
        "def chart():\n    from surveys import results\n    return results\n"
        "def seed():\n    import_string('forum.demo.seed')()\n"
        "from . import vocabulary\n"
    )
    found = {name for name, _line in imports_in(source, "cms.blocks")}
    assert {"surveys.models", "surveys.results", "forum.demo.seed", "cms.vocabulary"} <= found
    edges = {("cms", "surveys"): ["a"], ("surveys", "forum"): ["b"], ("forum", "cms"): ["c"]}
    assert cycles(edges) == [["cms", "surveys", "forum", "cms"]]


def test_the_readme_states_the_layers_the_code_keeps():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layers\n", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\d+\. `([a-z.]+)`", section, flags=re.MULTILINE)
    assert listed == list(settings.PROJECT_APPS)
