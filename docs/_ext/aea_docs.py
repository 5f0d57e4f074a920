"""Pages generated from the code at build time: parameter tables, fitting factors, figure gallery.

A page takes one with the directive ``.. aea-generated:: NAME`` (NAME a key of :data:`GENERATORS`): its text is
made when the page is read and parsed in place, as ``include`` would, so that the build writes nothing into the
source tree (it wrote ``docs/_generated/``); the pages that have one are read again by every build, as the code
they come from may have changed.

Nothing here retypes a value or a source: the parameter tables read every registered AEA
parameter set (the ``pybamm_parameter_sets`` entry points whose module is in pybamm_aea) and
take each entry's source from the comments next to it in the parameter modules, or, for a
function, from its docstring; the gallery reads the figure scripts' docstrings.
"""
import functools
import importlib
import importlib.metadata
import inspect
import io
import re
import textwrap
import tokenize
from pathlib import Path

import numpy as np

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
GALLERY_IMAGES = DOCS / "_static" / "gallery"


# ------------------------------------------------------------------------------ parameter tables
def aea_parameter_sets():
    """name -> module path of the registered AEA parameter sets."""
    from pybamm_aea.parameters import PYBAMM_MODEL_SETS

    sets = {}
    for ep in importlib.metadata.entry_points(group="pybamm_parameter_sets"):
        module = ep.value.split(":")[0]
        if module.split(".")[0] == "pybamm_aea" and ep.name not in PYBAMM_MODEL_SETS:
            sets[ep.name] = module
    return dict(sorted(sets.items()))


def _comments_by_key(module):
    """For each string key written ``"key": value`` in a module: (source text, "module:line").

    The source text is the comments above the entry and on its line; else the ``#:`` comment of a
    module constant the value names (``RHO_MO6S8``, ``paper_cell.CELL_SIDE_M``); else the first
    paragraph of the docstring of the function the entry is written in.
    """
    import ast

    source = inspect.getsource(module)
    lines = source.splitlines()
    comment_at = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comment_at[tok.start[0]] = tok.string.lstrip("#:").strip()
    tree = ast.parse(source)
    constants, functions = {}, []
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            above, k = [], node.lineno - 1
            while k >= 1 and lines[k - 1].strip().startswith("#:"):
                above.insert(0, comment_at.get(k, ""))
                k -= 1
            constants[node.targets[0].id] = " ".join(above)
        elif isinstance(node, ast.FunctionDef):
            functions.append((node.lineno, node.end_lineno, _first_paragraph(ast.get_docstring(node))))
    found = {}
    for number, line in enumerate(lines, start=1):
        match = re.match(r'\s*"([^"]+)"\s*:\s*(.*)', line)
        if not match:
            continue
        above = []
        k = number - 1
        while k >= 1 and lines[k - 1].strip().startswith("#"):
            above.insert(0, comment_at.get(k, ""))
            k -= 1
        trailing = comment_at.get(number)
        # a one- or two-word comment is a section header ("# cathode"), not a source
        text = " ".join(c for c in above + ([trailing] if trailing else []) if len(c.split()) > 2)
        kind = "comment"
        if not text:
            name = re.match(r"(?:\w+\.)?([A-Z][A-Z0-9_]*)\b", match.group(2))
            if name and name.group(1) in constants:
                text = constants[name.group(1)]
            elif name:
                for other in vars(module).values():
                    if inspect.ismodule(other) and other.__name__.startswith("pybamm_aea.parameters.") and hasattr(
                        other, name.group(1)
                    ):
                        text = _comments_by_key(other).get("#constants", {}).get(name.group(1), "")
        if not text:
            text = next((doc for start, end, doc in functions if start <= number <= end), "")
            kind = "enclosing function"
        found.setdefault(match.group(1), (text, f"{module.__name__}:{number}", kind))
    found["#constants"] = constants
    return found


def _modules_of(module):
    """The parameter module and the pybamm_aea.parameters modules it imports, in lookup order
    (the paper's cell, :mod:`pybamm_aea.parameters.paper_cell`, last: every set builds on it)."""
    out = [module]
    for value in vars(module).values():
        if inspect.ismodule(value) and value.__name__.startswith("pybamm_aea.parameters.") and value not in out:
            out.extend(m for m in _modules_of(value) if m not in out)
    # modules the set's docstring points to for its values (e.g. :mod:`pybamm_aea.conventional`)
    for name in re.findall(r":mod:`~?(pybamm_aea[\w.]*)`", module.__doc__ or ""):
        other = importlib.import_module(name)
        if other not in out:
            out.append(other)
    paper_cell = importlib.import_module("pybamm_aea.parameters.paper_cell")
    return out + ([paper_cell] if paper_cell not in out else [])


def _material_modules(module):
    """The pybamm_aea.materials modules a parameter module draws its cathode from."""
    return [v for v in vars(module).values() if inspect.ismodule(v) and v.__name__.startswith("pybamm_aea.materials.")]


def _function_of(value):
    if isinstance(value, functools.partial):
        return value.func, value.keywords
    return value, {}


def _first_paragraph(doc):
    doc = inspect.cleandoc(doc or "")
    return doc.split("\n\n")[0].replace("\n", " ").strip().removesuffix("::").removesuffix(":")


def _format_value(value):
    func, bound = _function_of(value)
    if callable(func) and not hasattr(func, "__qualname__"):  # a callable object: name its class
        cls = type(func)
        return f":class:`~{cls.__module__}.{cls.__qualname__}` object"
    if callable(func):
        name = f":func:`~{func.__module__}.{func.__qualname__}`"
        if bound:
            shown = ", ".join(
                f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                for k, v in bound.items()
                if not isinstance(v, np.ndarray)
            )
            name += f" ({shown})" if shown else ""
        return name
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) if all(isinstance(v, str) for v in value) else "(list)"
    return f"``{value}``"


def _source_of(key, value, modules, comments):
    func, _ = _function_of(value)
    for module in modules:
        text, where, kind = comments[module.__name__].get(key, ("", None, None))
        if where is None:
            continue
        if callable(func) and (not text or kind == "enclosing function"):
            text = _first_paragraph(func.__doc__) or text
        if not text:
            # the entry is written inside a function whose docstring gives the sources
            text = f"see :mod:`{module.__name__}`"
        return text, where
    if callable(func):
        return _first_paragraph(func.__doc__), func.__module__
    for material in _material_modules(modules[0]):
        return f"{_first_paragraph(material.__doc__)} (values and citations: :mod:`{material.__name__}`)", ""
    # not written in any module here: taken over from the set the module builds on
    return f"{_first_paragraph(modules[0].__doc__)} (see :mod:`{modules[0].__name__}`)", ""


def _rst_cell(text):
    text = " ".join(str(text).split())
    return text.replace("|", "\\|") or "-"


def parameter_table(name, module_path):
    """RST of one parameter set: every entry, its value and its source."""
    import pybamm

    module = importlib.import_module(module_path)
    values = module.get_parameter_values()
    modules = _modules_of(module)
    comments = {m.__name__: _comments_by_key(m) for m in modules}
    title = f"``{name}``"
    out = [title, "-" * len(title), "", _first_paragraph(module.__doc__), ""]
    out += [f".. list-table:: {name} (module :mod:`{module_path}`)", "   :header-rows: 1", "   :widths: 30 25 45", ""]
    out += ["   * - parameter", "     - value", "     - source"]
    for key in sorted(values):
        if key == "citations":
            continue
        value = values[key]
        source, where = _source_of(key, value, modules, comments)
        if where:
            source = f"{source} ({where.split(':')[0].rsplit('.', 1)[-1]})" if source else where
        out += [f"   * - {_rst_cell(key)}", f"     - {_rst_cell(_format_value(value))}", f"     - {_rst_cell(source)}"]
    pybamm.ParameterValues(values)  # the set is valid PyBaMM parameter values
    return "\n".join(out) + "\n"


def parameter_tables():
    sets = aea_parameter_sets()
    text = [
        "Every parameter set of the AEA model registered with PyBaMM by this package (entry points; the",
        "S-C/LGPS set, for PyBaMM's DFN, is documented in :mod:`pybamm_aea.conventional`), generated from",
        "the parameter modules when the docs are built: each entry's value, and its source taken from",
        "the comment next to it in the module (or the docstring of its function). Values the paper does",
        "not give say \"assumption\" or \"fit\" there, with the reason.",
        "",
    ]
    for name, module_path in sets.items():
        text.append(parameter_table(name, module_path))
    return "\n".join(text)


def fitting_factors():
    from pybamm_aea.parameters.paper_cell import fitting_factors

    rows = [".. list-table::", "   :header-rows: 1", "", "   * - factor (parameter)", "     - default"]
    for name, value in fitting_factors().items():
        rows += [f"   * - ``{name}``", f"     - {value:g}"]
    return "\n".join(rows) + "\n"


# ------------------------------------------------------------------------------------- gallery
def figure_scripts():
    """The figure scripts of examples/ (a ``main(outdir)``; not reproduce.py)."""
    scripts = []
    for path in sorted((ROOT / "examples").glob("*.py")):
        text = path.read_text()
        if path.name.startswith("_") or path.name == "reproduce.py" or not re.search(r"^def main\(", text, re.M):
            continue
        scripts.append(path)
    return scripts


def gallery():
    import ast

    out = []
    for script in figure_scripts():
        doc = ast.get_docstring(ast.parse(script.read_text())) or script.stem
        title = script.name
        out += [title, "-" * len(title), "", textwrap.indent(doc, ""), ""]
        images = sorted(GALLERY_IMAGES.glob(f"{script.stem}*.png")) if GALLERY_IMAGES.is_dir() else []
        for image in images:
            out += [f".. image:: /_static/gallery/{image.name}", "   :width: 90%", ""]
        if not images:
            out += [
                f"*Figure not rendered in this build*: ``pybamm-aea reproduce --out docs/_static/gallery`` "
                "(or ``python examples/reproduce.py docs/_static/gallery``) writes it before ``sphinx-build``.",
                "",
            ]
        out += [f".. literalinclude:: ../examples/{script.name}", "   :language: python", ""]
    return "\n".join(out)


# ------------------------------------------------------------------------------------- Sphinx
#: ``.. aea-generated:: NAME`` -> the function that makes its reStructuredText
GENERATORS = {"parameter_tables": parameter_tables, "fitting_factors": fitting_factors, "gallery": gallery}


def _directive():
    from docutils.parsers.rst import Directive
    from docutils.statemachine import StringList

    class AEAGenerated(Directive):
        """``.. aea-generated:: NAME``: the text of ``GENERATORS[NAME]`` parsed where the directive stands."""

        required_arguments = 1
        has_content = False

        def run(self):
            name = self.arguments[0]
            if name not in GENERATORS:
                raise self.error(f"aea-generated: unknown {name!r}; one of {', '.join(GENERATORS)}")
            env = self.state.document.settings.env
            env.aea_generated_docs = getattr(env, "aea_generated_docs", set()) | {env.docname}
            source = f"<aea-generated {name}>"
            lines = GENERATORS[name]().splitlines()
            self.state_machine.insert_input(StringList(lines, source=source), source)
            return []

    return AEAGenerated


def _purge(app, env, docname):
    getattr(env, "aea_generated_docs", set()).discard(docname)


def _merge(app, env, docnames, other):
    env.aea_generated_docs = (getattr(env, "aea_generated_docs", set())
                              | (getattr(other, "aea_generated_docs", set()) & set(docnames)))


def _outdated(app, env, added, changed, removed):
    """The pages with generated text are read again by every build (their source is the code)."""
    return sorted(getattr(env, "aea_generated_docs", set()) - set(removed))


def setup(app):
    app.add_directive("aea-generated", _directive())
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    return {"version": "2", "parallel_read_safe": True}
