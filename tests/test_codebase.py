"""Rules of the house that a reviewer would otherwise check by hand."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("bot", "flows", "sandbox", "bench")


def _modules(*packages: str) -> list[Path]:
    return sorted(path for package in packages for path in (ROOT / package).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", _modules(*SHIPPED), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_fixed_sleeps_outside_tests(path):
    tree = ast.parse(path.read_text())
    sleeps = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Call)
              and getattr(node.func, "attr", getattr(node.func, "id", None)) == "sleep"]
    assert sleeps == [], f"{path.name} sleeps at lines {sleeps}: wait on a condition instead"


@pytest.mark.parametrize("path", _modules("bot", "sandbox"), ids=lambda p: str(p.relative_to(ROOT)))
def test_linkedin_locators_live_only_in_flows(path):
    assert "selenium.webdriver.common.by" not in _imports(path)


@pytest.mark.parametrize("path", _modules("flows"), ids=lambda p: str(p.relative_to(ROOT)))
def test_flows_never_import_the_engine(path):
    assert not {name for name in _imports(path) if name == "bot" or name.startswith("bot.")}


@pytest.mark.parametrize("path", _modules("sandbox"), ids=lambda p: str(p.relative_to(ROOT)))
def test_sandbox_imports_neither_engine_nor_flows(path):
    assert not {n for n in _imports(path) if n.split(".")[0] in ("bot", "flows")}


CLI_LAYER = ("cli.py", "cli_demo.py")


@pytest.mark.parametrize("path", _modules("bot", "flows"), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_cli_knows_the_sandbox(path):
    """The stand-in is the CLI's business (`optout sandbox`, `optout demo`); engine and flows never import it."""
    if path.parent.name == "bot" and path.name in CLI_LAYER:
        return
    assert not {n for n in _imports(path) if n.split(".")[0] == "sandbox"}


def test_only_the_cli_imports_the_demo():
    importers = [path.name for path in _modules("bot", "flows") if "bot.cli_demo" in _imports(path)]
    assert importers == ["cli.py"]


@pytest.mark.parametrize("path", _modules("bot", "flows"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_bare_or_blanket_excepts(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ExceptHandler) and not _reraises(node):
            caught = ast.unparse(node.type) if node.type else ""
            assert caught not in ("", "Exception", "BaseException"), f"{path.name}:{node.lineno} catches {caught!r}"


def _reraises(handler: ast.ExceptHandler) -> bool:
    """Clean up and re-raise is fine: nothing is swallowed."""
    last = handler.body[-1]
    return isinstance(last, ast.Raise) and last.exc is None



def _flow_locators() -> dict[str, object]:
    """Every Locator the flows define: module constants, and each flow's own (its switch)."""
    import importlib

    from flows.catalog import FLOWS
    from flows.locator import Locator

    found: dict[str, object] = {}
    for path in _modules("flows"):
        module = importlib.import_module(f"flows.{path.stem}")
        found.update({f"{path.stem}.{name}": value for name, value in vars(module).items()
                      if isinstance(value, Locator)})
    found.update({f"{name}.switch": flow.switch for name, flow in FLOWS.items() if hasattr(flow, "switch")})
    return found


@pytest.mark.parametrize("name", sorted(_flow_locators()))
def test_a_locator_relies_on_one_guessed_hook_only_with_a_structural_way_too(name):
    locator = _flow_locators()[name]
    assert locator.grounded, (
        f"{name} is found only by hooks or wordings that LINKEDIN.md does not confirm: add a structural strategy "
        "(Strategy(..., structural=True)), rely on a hook listed in flows/confirmed.py, or say in `unmatched` "
        "what happens when nothing matches")
