"""No module of pybamm_aea uses another module's private name (session 59, review of session 58's split of
experiment_checks: start_advice imported six private names of step_checks, step_checks and the adapter's initial_states
``starting_state._same_value``). A name one module owns and another needs is public in its owner (one line of
docstring: what, units) or lives in the one module that uses it. Read from the source (ast), no import: a
``from X import _name`` or ``X._name`` (X a module imported) across modules fails here, unless allowed below with its
reason.
"""
import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "pybamm_aea"

#: (importing module, "owner._name") -> why it may: none at present. A private *module* (``_kernels``, ``cli._args``)
#: is not a private name: an underscore module is its package's own, there for its package's modules to import.
ALLOWED = {}


def _module_name(path, root):
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolved(node, module, is_package):
    """The absolute module a ``from ... import`` names (relative levels resolved against ``module``)."""
    if not node.level:
        return node.module
    base = module.split(".")
    base = base[:len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_module(name, root):
    """True if the dotted ``name`` is a module or package file under ``root``'s parent (a .py, a package, a .so)."""
    path = root.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists() or any(
        path.parent.glob(path.name + ".*.so"))


def _private(name):
    return name.startswith("_") and not name.startswith("__")


def private_uses(root=PACKAGE):
    """Each use of another module's private name in the package at ``root``: (file:line, importer, "owner._name")."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module, tree = _module_name(path, root), ast.parse(path.read_text(encoding="utf-8"))
        package = root.name
        modules = {}  # a local name bound to a module of the package -> that module
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _resolved(node, module, path.name == "__init__.py")
                if not source or source.split(".")[0] != package:
                    continue
                for alias in node.names:
                    if _is_module(f"{source}.{alias.name}", root):
                        modules[alias.asname or alias.name] = f"{source}.{alias.name}"
                    elif _private(alias.name) and source != module:
                        found.append((f"{path.relative_to(root.parent)}:{node.lineno}", module,
                                      f"{source}.{alias.name}"))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == package and alias.asname:
                        modules[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules
                    and _private(node.attr) and not _is_module(f"{modules[node.value.id]}.{node.attr}", root)):
                found.append((f"{path.relative_to(root.parent)}:{node.lineno}", module,
                              f"{modules[node.value.id]}.{node.attr}"))
    return found


def test_no_module_uses_another_modules_private_name():
    uses = [f"{where}: {importer} uses {name}" for where, importer, name in private_uses()
            if (importer, name) not in ALLOWED]
    assert not uses, ("a module uses another module's private name: make it public in its owner (a one-line "
                      "docstring: what, units) or move it to its one user, or allow it in ALLOWED with the reason:\n"
                      + "\n".join(uses))


def test_every_allowance_is_still_needed():
    used = {(importer, name) for _, importer, name in private_uses()}
    assert not set(ALLOWED) - used, f"allowances no module needs any more: {sorted(set(ALLOWED) - used)}"


@pytest.mark.parametrize("source, found", [
    ("from .b import _hidden\n", ["pkg.b._hidden"]),
    ("from pkg.b import public, _hidden as h\n", ["pkg.b._hidden"]),
    ("from . import b\nb._hidden()\n", ["pkg.b._hidden"]),
    ("from . import _private_module\nfrom .b import public, __version__\n", []),
    ("def _own():\n    pass\n\n_own()\n", []),
])
def test_the_check_finds_a_private_name_imported_or_reached(tmp_path, source, found):
    """The check itself: a private name imported (``as`` or not) or reached as a module's attribute is found; a private
    module, a public or dunder name and a module's own private name are not."""
    root = tmp_path / "pkg"
    root.mkdir()
    for name in ("__init__", "b", "_private_module"):
        (root / f"{name}.py").write_text("public = 1\n_hidden = 2\n__version__ = '1'\n")
    (root / "a.py").write_text(source)
    assert [name for _, _, name in private_uses(root)] == found
