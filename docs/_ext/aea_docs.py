"""Pages generated from the code at build time: parameter tables, fitting factors, figure gallery.

A page takes one with the directive ``.. aea-generated:: NAME`` (NAME a key of :data:`GENERATORS`): its text is
made when the page is read and parsed in place, as ``include`` would, so that the build writes nothing into the
source tree (it wrote ``docs/_generated/``); the pages that have one are read again by every build, as the code
they come from may have changed.

Nothing here retypes a value or a source: the parameter tables read every registered AEA
parameter set (the ``pybamm_parameter_sets`` entry points whose module is in pybamm_aea) and
take each entry's source from the comments next to it in the parameter modules, or, for a
function, from its docstring (its first paragraph and every later one that names a source,
:func:`source_text`); an entry a material record gives (``material.<field>`` in
:mod:`pybamm_aea.parameters.aea_material_cell`) also shows that field's ``source`` or
``references`` entry in the record; the gallery reads the figure scripts' docstrings.
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
            functions.append((node.lineno, node.end_lineno, source_text(ast.get_docstring(node)), node.name))
    found, occurrences = {}, {}
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
        enclosing = next(((doc, name) for start, end, doc, name in functions if start <= number <= end), ("", ""))
        if not text:
            text = enclosing[0]
            kind = "enclosing function"
        found.setdefault(match.group(1), (text, f"{module.__name__}:{number}", kind))
        # a key written in several functions (dispersed_materials.sulfur and .lithium_titanate): each, by function
        occurrences.setdefault(match.group(1), []).append((text, f"{module.__name__}:{number}", kind, enclosing[1]))
    found["#constants"] = constants
    found["#occurrences"] = occurrences
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


#: what a table entry's source names: a work (a year), the paper's tables, figures, text or physics notes, PyBaMM's
#: sets, a handbook, IUPAC's atomic weights, or that the value is an assumption, a fit, a definition, a convention or a
#: numerical choice, or not used (no effect) by the set, or the place (``:data:``, ``:mod:``) whose text
#: gives it (not a ``:func:`` or ``:class:``, which a docstring names for how a value is computed); an entry's text
#: without one of these has lost its source (tests/test_docs.py, :func:`names_source`). "PyBaMM" is matched as
#: written only: case-blind, it matched the "pybamm" of any ``pybamm_aea`` path (49 of 752 rows had no other)
SOURCE_MARKER = re.compile(
    r"\b(1[89]|20)\d\d\b|Table S?\d|\bFig|\bpaper\b|physics notes|(?-i:PyBaMM)|CRC|assum|\bfit|definition|"
    r"numerical|convention|IUPAC|not used|no effect|:(data|mod):", re.I)
#: the pointers :func:`_source_of` writes itself where no text of the entry's own is found (a module or record to
#: read): not a source (:func:`names_source`)
GENERATED_POINTER = re.compile(r"\(?(?:see|values and citations:) :mod:`[^`]*`\)?")


def names_source(text):
    """Whether a table entry's source ``text`` names a source (:data:`SOURCE_MARKER`) other than in the pointers
    the tables write themselves (:data:`GENERATED_POINTER`)."""
    return bool(SOURCE_MARKER.search(GENERATED_POINTER.sub("", text)))


def source_text(doc):
    """The source of a value a function gives, from its docstring: the first paragraph, and every later paragraph
    that names a source (:data:`SOURCE_MARKER`; a docstring often cites its works below its summary), joined; code
    blocks and paragraphs of implementation notes without a source are left out."""
    paragraphs = [p.replace("\n", " ").strip() for p in inspect.cleandoc(doc or "").split("\n\n") if p.strip()]
    if not paragraphs:
        return ""
    kept = [paragraphs[0]] + [p for p in paragraphs[1:] if SOURCE_MARKER.search(p) and not p.startswith(">>>")]
    return " ".join(kept).removesuffix("::").removesuffix(":")


def _material_field_source(material, field):
    """The source a material record writes for one of its fields: the field's own ``source`` (an OCP, a
    transport property), else the record's ``references`` entry naming it, else the record's ``source`` in the
    energy model (molar mass and densities)."""
    value = getattr(material, field, None)
    if getattr(value, "source", ""):
        return value.source
    for keys, text in material.references.items():
        if field in [k.strip() for k in keys.split(",")] or keys == "all":
            return text
    if field in ("molar_mass", "density", "lithiated_density", "delithiated_density"):
        from pybamm_aea.energy.materials import UnknownMaterialError, get_material

        try:
            return get_material(material.formula).source
        except UnknownMaterialError:  # a user's record without an energy-model entry: no source from there
            return ""
    return ""


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


def _material_fields(module, line_number):
    """The fields of ``material`` the entry written at ``line_number`` of ``module`` reads: ``material.<field>`` in
    its value, or in the assignments of the local names its value uses (``D = material.diffusivity...``)."""
    lines = inspect.getsource(module).splitlines()
    entry = lines[line_number - 1]
    k = line_number  # an entry's value may go on over the next lines, up to the next entry
    while k < len(lines) and not re.match(r'\s*"[^"]+"\s*:', lines[k]) and not lines[k].strip().startswith("}"):
        entry += " " + lines[k]
        k += 1
    value = entry.split(":", 1)[1]
    fields, seen, texts = [], set(), [value]
    while texts:  # the value, then the assignments of the names it uses, and of theirs
        text = texts.pop()
        fields += re.findall(r"\bmaterial\.(\w+)", text)
        for name in set(re.findall(r"\b([A-Za-z_]\w*)\b", text)) - seen - {"material", "fn", "if", "else", "is",
                                                                           "not", "None", "and", "or"}:
            seen.add(name)
            for j, line in enumerate(lines[:line_number]):
                match = re.match(rf"\s*(?:\w+\s*,\s*)*{name}\b(?:\s*,\s*\w+)*\s*=(?!=)(.*)", line)
                if match:
                    assigned = match.group(1)
                    while assigned.count("(") > assigned.count(")") and j + 1 < line_number:  # over its lines
                        j += 1
                        assigned += lines[j]
                    texts.append(assigned)
    return list(dict.fromkeys(f for f in fields if not f.startswith("_")))


def _source_of(key, value, modules, comments):
    func, _ = _function_of(value)
    for module in modules:
        text, where, kind = comments[module.__name__].get(key, ("", None, None))
        if where is None:
            continue
        written = comments[module.__name__]["#occurrences"][key]
        if len(written) > 1:  # the function of this module the set calls (``dispersed_materials.lithium_titanate(``)
            short = module.__name__.rsplit(".", 1)[-1]
            called = [w for w in written if w[3] and any(
                f"{short}.{w[3]}(" in inspect.getsource(m) for m in modules if m is not module)]
            text, where, kind = (called or written)[0][:3]
        if callable(func) and (not text or kind == "enclosing function"):
            text = source_text(func.__doc__) or text
        elif callable(func) and not SOURCE_MARKER.search(text):  # a comment on how, the function's text on whence
            text = f"{text.rstrip('.')}; {source_text(func.__doc__)}"
        if not text:
            # the entry is written inside a function whose docstring gives the sources
            text = f"see :mod:`{module.__name__}`"
        materials = [m.MATERIAL for m in _material_modules(modules[0]) if hasattr(m, "MATERIAL")]
        if materials and module.__name__.endswith(".aea_material_cell"):
            line = int(where.rsplit(":", 1)[1])
            for field in _material_fields(module, line):
                given = _material_field_source(materials[0], field)
                if given:
                    text = f"{text.rstrip('.')}; the record's {field.replace('_', ' ')}: {given}"
        return text, where
    if callable(func):
        return source_text(func.__doc__), func.__module__
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
        "the comment next to it in the module (or the docstring of its function: its first paragraph and",
        "every later one that names a source), and for an entry a material record gives, that record's",
        "source of the field. Values the paper does not give say \"assumption\" or \"fit\" there, with the",
        "reason; a value whose cited place could not be found says \"assumed, because ...\".",
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
