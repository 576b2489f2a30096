"""The package layering of site_gen, read from the source with `ast` (every import, also inside functions and
`if TYPE_CHECKING:`): a package imports only from itself and packages below it, there are no import circles,
the core uses only the standard library, and each heavy dependency has one home."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "site_gen"

#: Bottom to top. A module may import from its own layer and any layer before it. "" is the top level
#: (cli.py, __main__.py); site_gen/__init__.py holds only the version and may be read by any layer but core.
LAYERS = ["core", "utils", "content", "charts", "render", "pipeline", "publish", "preview", ""]

#: Third-party imports the pure core may make: anyascii is a transliteration table (no I/O) for slugs.
CORE_THIRD_PARTY = {"site_gen.core.slugs": {"anyascii"}}

#: One home per heavy dependency: the only layer that may import it at run time.
HOMES = {"yaml": "content", "markdown_it": "content", "mdit_py_plugins": "content", "matplotlib": "charts",
         "jinja2": "render", "watchdog": "preview", "ghp_import": "publish", "click": "",
         "pagefind_bin": "render", "pagefind": "render"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(name: str) -> bool:
    return (PACKAGE.parent / name.replace(".", "/") / "__init__.py").is_file()


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """(absolute module name, only under TYPE_CHECKING) for every import in the file."""
    name = module_name(path)
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    guarded = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
               for stmt in node.body for n in ast.walk(stmt)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in guarded) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:  # `from site_gen.core import checks` imports the module site_gen.core.checks
                sub = f"{base}.{alias.name}"
                target = sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).is_file() or is_package(sub) else base
                found.append((target, id(node) in guarded))
    return found


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and is_package(module)) else ""


def graph() -> dict[str, list[tuple[str, bool]]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def layering_problems(imports: dict[str, list[tuple[str, bool]]]) -> list[str]:
    problems = []
    for module, targets in imports.items():
        layer = layer_of(module)
        for target, type_only in targets:
            top = target.split(".")[0]
            if top == "site_gen" and target != "site_gen":
                wanted = layer_of(target)
                if LAYERS.index(wanted) > LAYERS.index(layer) or (layer == "core" and wanted != "core"):
                    problems.append(f"{module} ({layer or 'top level'}) imports {target} ({wanted or 'top level'})")
            elif target == "site_gen" and layer == "core":
                problems.append(f"{module} (core) imports site_gen")
            elif top != "site_gen" and top != "__future__" and top not in sys.stdlib_module_names:
                if layer == "core" and top not in CORE_THIRD_PARTY.get(module, set()):
                    problems.append(f"{module} (core) imports {top}, which is not in the standard library")
                if top in HOMES and HOMES[top] != layer and not type_only:
                    problems.append(f"{module} imports {top}, whose one home is {HOMES[top] or 'the top level'}")
    return problems


def circles(imports: dict[str, list[tuple[str, bool]]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    edges = {m: sorted({t for t, _ in targets if t in imports and t != m}) for m, targets in imports.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_is_in_a_known_layer():
    assert {layer_of(m) for m in graph()} <= set(LAYERS)


def test_no_package_imports_from_a_package_above_it():
    assert layering_problems(graph()) == []


def test_no_import_circles():
    assert circles(graph()) == []


def test_the_checks_catch_a_forbidden_import_and_a_circle():
    imports = graph()
    imports["site_gen.core.model"] = imports["site_gen.core.model"] + [("site_gen.render.pages", False)]
    assert "site_gen.core.model (core) imports site_gen.render.pages (render)" in layering_problems(imports)
    assert any("site_gen.core.model" in group and "site_gen.render.pages" in group for group in circles(imports))
