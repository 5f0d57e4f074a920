"""No module of pybamm_aea uses another module's private name (session 59, review of session 58's split of
experiment_checks: start_advice imported six private names of step_checks, step_checks and the adapter's initial_states
``starting_state._same_value``). A name one module owns and another needs is public in its owner (one line of
docstring: what, units) or lives in the one module that uses it. Read from the source (ast), no import: a
``from X import _name``, ``X._name`` or ``getattr(X, "_name")`` (X a module of the package, however imported:
``importlib.import_module`` too, since review R42's session 60) across modules fails here, unless allowed below with
its reason.
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


#: the calls that reach an attribute of their first argument by the name their second gives (a string)
BY_NAME = ("getattr", "hasattr", "setattr", "delattr")


def _imported_module(call, module, is_package):
    """The module ``importlib.import_module("NAME"[, PACKAGE])`` (or ``import_module(...)``) imports, if its name is a
    string (a relative one against a string package, ``__package__`` or ``__name__``); None for any other call."""
    func = call.func
    called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if called != "import_module" or not call.args or not isinstance(call.args[0], ast.Constant) or not isinstance(
            call.args[0].value, str):
        return None
    name = call.args[0].value
    if not name.startswith("."):
        return name
    anchor = call.args[1] if len(call.args) > 1 else None
    if isinstance(anchor, ast.Constant) and isinstance(anchor.value, str):
        package = anchor.value
    elif isinstance(anchor, ast.Name) and anchor.id in ("__package__", "__name__"):
        package = module if is_package or anchor.id == "__name__" else module.rpartition(".")[0]
    else:
        return None
    level = len(name) - len(name.lstrip("."))
    base = package.split(".")[:len(package.split(".")) - level + 1]
    return ".".join(base + ([name.lstrip(".")] if name.lstrip(".") else []))


def private_uses(root=PACKAGE):
    """Each use of another module's private name in the package at ``root``: (file:line, importer, "owner._name").

    Found: ``from X import _name``; ``M._name`` where M is a module of the package reached by a name an import or an
    ``importlib.import_module("X")`` bound (``import pkg.x as m``, ``from pkg import x``, ``import pkg.x`` then
    ``pkg.x._name``, ``m = importlib.import_module("pkg.x")``), by such a call itself, or by a module's submodule
    (``pkg.sub.x._name``); ``getattr(M, "_name")`` (and hasattr, setattr, delattr) of such an M with the name a string.
    Not found (unknown before it runs): a name computed (``getattr(M, name)``), an object that is not a module."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module, tree = _module_name(path, root), ast.parse(path.read_text(encoding="utf-8"))
        package, is_package = root.name, path.name == "__init__.py"
        modules = {}  # a local name bound to a module of the package -> that module

        def ours(name):
            return name is not None and name.split(".")[0] == package

        def module_of(node):
            """The package's module the expression ``node`` is, or None."""
            if isinstance(node, ast.Name):
                return modules.get(node.id)
            if isinstance(node, ast.Call):
                name = _imported_module(node, module, is_package)
                return name if ours(name) and _is_module(name, root) else None
            if isinstance(node, ast.Attribute):
                owner = module_of(node.value)
                return f"{owner}.{node.attr}" if owner and _is_module(f"{owner}.{node.attr}", root) else None
            return None

        def use(node, owner, name):
            if _private(name) and owner != module and not _is_module(f"{owner}.{name}", root):
                found.append((f"{path.relative_to(root.parent)}:{node.lineno}", module, f"{owner}.{name}"))

        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _resolved(node, module, is_package)
                if not ours(source):
                    continue
                for alias in node.names:
                    if _is_module(f"{source}.{alias.name}", root):
                        modules[alias.asname or alias.name] = f"{source}.{alias.name}"
                    elif _private(alias.name) and source != module:
                        found.append((f"{path.relative_to(root.parent)}:{node.lineno}", module,
                                      f"{source}.{alias.name}"))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if ours(alias.name):  # ("import pkg.x" binds pkg; "import pkg.x as m" binds m to pkg.x)
                        modules[alias.asname or package] = alias.name if alias.asname else package
        for node in ast.walk(tree):  # (a name bound to importlib.import_module's module: after the imports)
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                bound = module_of(node.value) if isinstance(node.value, ast.Call) else None
                if bound:
                    modules[node.targets[0].id] = bound
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                owner = module_of(node.value)
                if owner:
                    use(node, owner, node.attr)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in BY_NAME
                  and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                  and isinstance(node.args[1].value, str)):
                owner = module_of(node.args[0])
                if owner:
                    use(node, owner, node.args[1].value)
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
    ("import pkg.b as m\nm._hidden\n", ["pkg.b._hidden"]),
    ("from . import _private_module\nfrom .b import public, __version__\n", []),
    ("def _own():\n    pass\n\n_own()\n", []),
    # review R42: a module's private name reached otherwise (each missed until session 60)
    ("import pkg.b\npkg.b._hidden\n", ["pkg.b._hidden"]),
    ("import pkg\npkg._hidden\n", ["pkg._hidden"]),
    ("from . import sub\nsub.c._hidden\n", ["pkg.sub.c._hidden"]),
    ("from . import b\ngetattr(b, '_hidden')\n", ["pkg.b._hidden"]),
    ("from pkg import b as bb\nhasattr(bb, '_hidden') and setattr(bb, '_hidden', 3)\n",
     ["pkg.b._hidden", "pkg.b._hidden"]),
    ("import importlib\nimportlib.import_module('pkg.b')._hidden\n", ["pkg.b._hidden"]),
    ("from importlib import import_module\nm = import_module('.b', __package__)\nm._hidden\n", ["pkg.b._hidden"]),
    ("import importlib\ngetattr(importlib.import_module('pkg.sub.c'), '_hidden')\n", ["pkg.sub.c._hidden"]),
    # not found: a computed or public name, another package's module, an object, the module's own name
    ("from . import b\ngetattr(b, name)\ngetattr(b, 'public')\nb.public\n", []),
    ("import importlib\nimportlib.import_module('os')._exit\n", []),
    ("getattr(self, '_hidden')\nself._hidden\n", []),
    ("import pkg.a as me\nme._hidden\n", []),
    ("from . import sub\nsub._private_module.public\n", []),
])
def test_the_check_finds_a_private_name_imported_or_reached(tmp_path, source, found):
    """The check itself: a private name imported (``as`` or not), reached as a module's attribute (the module bound by
    any import, by ``importlib.import_module``, or a package's submodule) or by ``getattr`` and its kin with the name a
    string is found; a private module, a public, dunder or computed name, another package's module's name, an object's
    and a module's own private name are not (review R42: ``getattr(module, "_name")``, ``import_module(...)._name``,
    ``pkg.x._name`` were not seen)."""
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    for name in ("__init__", "b", "_private_module", "sub/__init__", "sub/c", "sub/_private_module"):
        (root / f"{name}.py").write_text("public = 1\n_hidden = 2\n__version__ = '1'\n")
    (root / "a.py").write_text(source)
    assert [name for _, _, name in private_uses(root)] == found
