"""Layers, imports only downward (README "Architecture"; the lead's ARCH.md for issue #10).

Every .py file of every package in the repository (migrations and management commands included) is parsed
with `ast`, and every dependency on another package of the project is collected, wherever it is written:

- `import x` and `from x import y`, at module level or inside a function (a local import is still an import);
- `importlib.import_module("x")` with a literal name;
- `apps.get_model("app", ...)` / `get_model("app.Model")` string lookups, and lazy model references
  (`ForeignKey("app.Model")`, `to="app.model"`).

A package may depend only on packages of a LOWER rank: never on a higher one, never on a sibling of the same
rank. `onemg_planner` (settings, urls) sits on top and may import anything; no app imports it. A package
without a rank fails until it is given one here.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The project package: settings and URLs. It may import any app; no app may import it.
PROJECT = "onemg_planner"

#: Each package's layer. Lower numbers are lower layers; equal numbers are siblings that never import
#: each other. Rank 0 is the ground (ARCH.md): `core` (cross-cutting helpers, imports Django only), then
#: `audit` (the audit trail: it records events of every app and knows none of their models, its user a
#: loose reference to settings.AUTH_USER_MODEL; accounts records its account events through it), then
#: `accounts`, then `guide` (which may import core, audit and accounts).
RANKS: dict[str, float] = {
    "core": 0.0,
    "audit": 0.05,
    "accounts": 0.1,
    "guide": 0.2,
    "strategies": 1,
    "monitoring": 1.5,
    "reviews": 2,
    "comparisons": 3,
    "factsheets": 3,
    "exports": 4,
    # The background worker and its schedule: queues tasks of exports and reviews.
    "jobs": 4.5,
    "demo": 5,
    "api": 5,
}

#: Folders at the top of the repository that are not packages of the app.
NOT_PACKAGES = {"bench", "tests", "scripts", "docs", "static", "templates", "staticfiles", "tmp"}

#: Field classes whose first argument (or `to=`) names a model lazily ("app.Model").
_RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


@dataclass(frozen=True)
class Dependency:
    path: str
    line: int
    target: str  # the dotted module name or app label the code names
    how: str

    @property
    def package(self) -> str:
        return self.target.split(".")[0]


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def dependencies(source: str, path: str = "<string>") -> list[Dependency]:
    """Every project dependency named in `source` (relative imports are the file's own package)."""
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            found += [Dependency(path, node.lineno, alias.name, "import") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(Dependency(path, node.lineno, node.module, "from-import"))
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            first = _literal(node.args[0]) if node.args else None
            if name == "import_module" and first:
                found.append(Dependency(path, node.lineno, first, "import_module"))
            elif name == "get_model" and first:
                found.append(Dependency(path, node.lineno, first.split(".")[0], "get_model"))
            elif name in _RELATIONS:
                target = first or next((_literal(k.value) for k in node.keywords if k.arg == "to"), None)
                if target and "." in target:
                    found.append(Dependency(path, node.lineno, target.split(".")[0], "model reference"))
    return found


def packages() -> list[str]:
    return sorted(
        p.name
        for p in ROOT.iterdir()
        if p.is_dir() and (p / "__init__.py").exists() and p.name not in NOT_PACKAGES and not p.name.startswith(".")
    )


def upward(package: str, dependency: Dependency) -> bool:
    """Whether `package` may not depend on what `dependency` names."""
    target = dependency.package
    if target == package or package == PROJECT:
        return False
    if target == PROJECT:
        return True
    if target not in RANKS:
        return False  # Django, third-party or the standard library
    return RANKS[target] >= RANKS[package]


def violations() -> list[str]:
    found = []
    for package in packages():
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = str(path.relative_to(ROOT))
            for dependency in dependencies(path.read_text(encoding="utf-8"), relative):
                if upward(package, dependency):
                    found.append(
                        f"{relative}:{dependency.line}: {package} ({RANKS.get(package)}) → "
                        f"{dependency.target} ({dependency.how})"
                    )
    return found


def test_every_package_has_a_rank():
    unknown = [name for name in packages() if name != PROJECT and name not in RANKS]
    assert not unknown, f"Give these packages a rank in tests/test_architecture.py RANKS: {unknown}"


def test_no_app_imports_a_higher_layer_or_a_sibling():
    found = violations()
    assert not found, "Imports that point up or sideways:\n" + "\n".join(found)


def test_core_imports_no_app():
    core = [d for path in (ROOT / "core").rglob("*.py") for d in dependencies(path.read_text(encoding="utf-8"))]
    assert not [d.target for d in core if d.package != "core" and (d.package in RANKS or d.package == PROJECT)]


# --- The checker itself can fail ----------------------------------------------------------------------------


SAMPLE = """
import reviews.models
from exports import services
from . import sibling


def later():
    from comparisons.services import part_copy_from_snapshot
    import importlib
    importlib.import_module("factsheets.views")
    apps.get_model("demo", "Thing")
    get_model("onemg_planner.Nothing")


class Model:
    owner = models.ForeignKey("exports.RenderedPdf", on_delete=None)
    other = models.OneToOneField(to="comparisons.view", on_delete=None)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=None)
"""


def test_the_checker_sees_every_kind_of_dependency():
    found = {(d.target, d.how) for d in dependencies(SAMPLE)}
    assert found == {
        ("reviews.models", "import"),
        ("exports", "from-import"),
        ("comparisons.services", "from-import"),
        ("importlib", "import"),
        ("factsheets.views", "import_module"),
        ("demo", "get_model"),
        ("onemg_planner", "get_model"),
        ("exports", "model reference"),
        ("comparisons", "model reference"),
    }


@pytest.mark.parametrize(
    ("package", "target", "refused"),
    [
        ("strategies", "reviews.models", True),  # up
        ("comparisons", "factsheets.services", True),  # sibling
        ("audit", "accounts.models", True),  # the audit trail sits under accounts
        ("guide", "audit.services", False),
        ("accounts", "guide.models", True),  # accounts sits under guide
        ("core", "accounts.models", True),  # core imports Django only
        ("strategies", "onemg_planner.settings", True),  # the project sits on top
        ("exports", "factsheets.models", False),  # down
        ("guide", "accounts.models", False),
        ("strategies", "core.html", False),
        ("strategies", "strategies.models", False),
        ("onemg_planner", "demo.management", False),
        ("reviews", "django.db", False),
    ],
)
def test_the_rule(package, target, refused):
    assert upward(package, Dependency("x.py", 1, target, "import")) is refused
