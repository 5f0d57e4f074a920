"""The works a model and its parameter sets draw on reach ``pybamm.print_citations()``.

Submodels register the works they implement when built, parameter sets list theirs in ``values["citations"]``
(PyBaMM registers them when ``pybamm.ParameterValues`` is made); pybamm_aea.citations holds the BibTeX strings,
PyBaMM parses them with pybtex only when printing, so a malformed one would be dropped then (with a warning,
and, in PyBaMM 26.10, the rest of the unparsed ones left out with it).
"""
import os
import re

import pybamm
import pytest

from pybamm_aea import citations
from pybamm_aea.models.aea import AEA
from pybamm_aea.parameters import Li2021_TiS2


@pytest.fixture
def registered(monkeypatch):
    """Every citation registered with ``pybamm.citations`` while the test runs (PyBaMM's own register still
    runs)."""
    seen = []
    register = pybamm.citations.register

    def recording(key):
        seen.append(key)
        return register(key)

    monkeypatch.setattr(pybamm.citations, "register", recording)
    return seen


def test_default_lms_solve_registers_the_paper_and_the_phase_field_works(registered):
    model = AEA()
    pybamm.Simulation(model, parameter_values=model.default_parameter_values).solve([0, 600])
    for work in (citations.LI2021, citations.BAZANT2013, citations.SMITH2017, citations.JAMNIK2003,
                 citations.WEPPNER1977, citations.KAMAYA2011):
        assert work in registered, work.splitlines()[0]
    # the Li metal anode of the default: the Li-In works are not cited
    assert citations.SANTHOSHA2019 not in registered


def test_lever_rule_host_does_not_register_the_phase_field_works(registered):
    AEA({"host thermodynamics": "lever rule"})
    assert citations.BAZANT2013 not in registered
    assert citations.SMITH2017 not in registered
    # its own: coupled ion-electron transport and the one-state hysteresis
    assert citations.JAMNIK2003 in registered
    assert citations.WYCISK2022 in registered


def test_li_in_anode_registers_its_plateau():
    assert citations.SANTHOSHA2019 in AEA({"anode": "Li-In"}, build=False).submodels["anode"].citations


def test_tis2_set_lists_chianelli(registered):
    values = Li2021_TiS2.get_parameter_values()
    assert citations.CHIANELLI1975 in values["citations"]
    assert citations.LI2021 in values["citations"]
    pybamm.ParameterValues("Li2021_TiS2")  # the set by its entry-point name: PyBaMM registers its list
    assert citations.CHIANELLI1975 in registered


def test_every_bibtex_entry_parses_with_its_fields():
    """An article names its journal, volume and pages; a preprint (a misc entry) where it is published."""
    database = pytest.importorskip("pybtex.database")
    keys = {}
    for name, text in citations.bibtex_entries().items():
        entries = database.parse_string(text, bib_format="bibtex").entries
        assert len(entries) == 1, f"{name}: {len(entries)} entries"
        (key, entry), = entries.items()
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", key), f"{name}: key {key!r}"
        assert key not in keys, f"{name} and {keys.get(key)} share the key {key!r}"
        keys[key] = name
        assert entry.type in ("article", "misc"), f"{name}: entry type {entry.type!r}"
        needed = {"journal", "volume", "pages"} if entry.type == "article" else {"howpublished"}
        missing = ({"title", "year"} | needed) - set(entry.fields)
        assert not missing and entry.persons.get("author"), f"{name}: missing {sorted(missing) or 'author'}"


@pytest.fixture(scope="module")
def pybamm_bibliography():
    """The entries of PyBaMM's CITATIONS.bib, parsed once for the module (the 17 tests that read it parsed it
    each, 0.063 s a parse, 2026-12-05)."""
    database = pytest.importorskip("pybtex.database")
    return database.parse_file(os.path.join(pybamm.__path__[0], "CITATIONS.bib"), bib_format="bibtex").entries


def test_named_pybamm_keys_are_in_pybamm_bibliography(pybamm_bibliography):
    for key in (citations.BRUGGEMAN1935, citations.WYCISK2022, citations.BAKER2018, citations.MARQUIS2019,
                citations.MOHTAT2020):
        assert key in pybamm_bibliography, key


@pytest.mark.parametrize("name", ["Li2021_Mo6S8", "Li2021_TiS2", "Li2021_S_Mo6S8", "Li2021_LTO_Mo6S8",
                                  "Li2021_S_C_LGPS", "AEA_LiFePO4", "AEA_Li4Ti5O12", "AEA_LiCoO2", "AEA_NMC532"])
def test_every_set_lists_the_paper_and_only_known_works(name):
    listed = pybamm.ParameterValues(name)["citations"]
    assert citations.LI2021 in listed
    known = set(citations.bibtex_entries().values()) | {citations.BRUGGEMAN1935, citations.WYCISK2022,
                                                         citations.BAKER2018, citations.MARQUIS2019,
                                                         citations.MOHTAT2020, "Xu2019"}
    assert set(listed) <= known, [c.splitlines()[0] for c in set(listed) - known]
    assert len(listed) == len(set(listed)), f"{name} lists a work twice"


def test_print_citations_lists_the_works(tmp_path):
    """The works reach the printed list, the paper under its authors' names as printed on it (Meiying Li, Zhe Shi,
    Weijiang Xue), the non-ASCII names and the arXiv preprint of the LiCoO2 record as well."""
    pytest.importorskip("pybtex")
    AEA()
    pybamm.ParameterValues("Li2021_TiS2")
    pybamm.ParameterValues("AEA_LiCoO2")
    path = tmp_path / "citations.txt"
    pybamm.print_citations(str(path))
    text = path.read_text()
    for author in ("Bazant", "Jamnik", "Chianelli", "Meiying Li", "Zhe Shi", "Weijiang Xue", "Reimers",
                   "Świerczek", "Ménétrier", "Miyoshi", "arXiv:1005.4253"):
        assert author in text, author


def test_citation_cff_names_the_paper_authors_of_the_bibtex_entry():
    """CITATION.cff's preferred citation and :data:`citations.LI2021` name the same authors in the same order."""
    yaml = pytest.importorskip("yaml")
    from pathlib import Path

    cff = yaml.safe_load((Path(__file__).resolve().parents[1] / "CITATION.cff").read_text())
    named = [(a["family-names"], a["given-names"]) for a in cff["preferred-citation"]["authors"]]
    field = re.search(r"author = \{(.+?)\},\n", citations.LI2021, re.S).group(1)
    bibtex = [tuple(part.strip() for part in a.split(",")) for a in re.split(r"\s+and\s+", field)]
    assert named == bibtex


def test_material_api_cells_list_the_material_works():
    from pybamm_aea.materials import licoo2, lifepo4, nmc532, paper_hosts

    tis2 = paper_hosts.TIS2.parameter_dict()["citations"]
    assert citations.CHIANELLI1975 in tis2 and citations.LI2021 in tis2 and citations.KAMAYA2011 in tis2
    assert citations.SRINIVASAN2004 in lifepo4.MATERIAL.parameter_dict()["citations"]
    # the sources of the layered oxides' values (their modules' docstrings): density change, OCP, conductivity
    lco = pybamm.ParameterValues("AEA_LiCoO2")["citations"]
    for work in (citations.LI2021, citations.REIMERS1992, citations.MARQUIS2019, citations.MILEWSKA2014,
                 citations.MENETRIER1999, citations.MIYOSHI2010):
        assert work in lco, work.splitlines()[0]
    nmc = pybamm.ParameterValues("AEA_NMC532")["citations"]
    for work in (citations.LI2021, citations.NOH2013, citations.KOERVER2018, citations.MOHTAT2020):
        assert work in nmc, work.splitlines()[0]
    # the compact's (1 - porosity)^1.5 of every material cell (AEAMaterial.bruggeman's default)
    assert citations.BRUGGEMAN1935 in lco and citations.BRUGGEMAN1935 in nmc
    assert lco == licoo2.MATERIAL.parameter_dict()["citations"]
    assert nmc == nmc532.MATERIAL.parameter_dict()["citations"]


def test_a_material_citation_that_is_not_a_string_is_refused():
    from pybamm_aea.materials import lifepo4
    from pybamm_aea.materials.material import AEAMaterial, MaterialError

    data = {**lifepo4.MATERIAL.to_dict(), "citations": "Padhi1997"}
    with pytest.raises(MaterialError, match="'citations' must be a list"):
        AEAMaterial.from_dict(data)
    data["citations"] = ["Padhi1997", citations.PADHI1997]
    assert AEAMaterial.from_dict(data).parameter_dict()["citations"][-2:] == data["citations"]


# --- the rule: a work a record names (author and year) is in the works it lists ---------------------------------
#: a year in a record's text: the end of a citation ("Reimers & Dahn, J. Electrochem. Soc. 139, 2091, 1992")
_YEAR = re.compile(r"(?<![\w.])(19\d\d|20[0-2]\d)(?!\w|-\d)")  # not a date, 2026-12-03
#: reference data named with a year, not works of the bibliography (atomic weights, handbook densities)
_REFERENCE_DATA = ("IUPAC", "CRC Handbook")


def _ascii(text):
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _author_year(work):
    """(first author's family name, year) of a BibTeX entry or of a PyBaMM key ("Marquis2019")."""
    if work.lstrip().startswith("@"):
        author = re.search(r"author = \{([^,]+),", work).group(1)
        return _ascii(author).strip(), int(re.search(r"year = \{(\d{4})\}", work).group(1))
    name, year = re.fullmatch(r"([A-Za-z]+)(\d{4})", work).groups()
    return name, int(year)


def _works_named(text):
    """(words before it, year) of each year in ``text``: the words back to the previous year, ';', '(' or bullet,
    so "Padhi et al. 1997" and "(Chung, Bloking & Chiang, Nat. Mater. 1, 123, 2002)" give their author."""
    named, start = [], 0
    for match in _YEAR.finditer(text):
        head = text[start:match.start()].rstrip().rstrip("(").rstrip()  # "..., 2008723 (2021)": keep the journal
        cut = max(head.rfind(";"), head.rfind("("), head.rfind("\n-"))
        # no name before the first comma, only a journal's abbreviations: "Thompson (Phys. Rev. Lett. 40, 1511, 1978)"
        if cut >= 0 and not re.search(r"\b[A-Z][a-z]+\b(?!\.)", head[cut + 1:].split(",")[0]):
            cut = max(head[:cut].rfind(";"), head[:cut].rfind("("), head[:cut].rfind("\n-"), cut - 40)
        named.append((" ".join(head[cut + 1:].split()), int(match.group())))
        start = match.end()
    return named


def _unlisted_works(texts, cited):
    """The citations in ``texts`` whose author and year no work of ``cited`` has."""
    listed = [_author_year(work) for work in cited]
    return [f"{words} {year}" for text in texts for words, year in _works_named(_ascii(text))
            if not any(label in words for label in _REFERENCE_DATA)
            and not any(year == y and re.search(rf"\b{re.escape(author)}\b", words) for author, y in listed)]


def test_unlisted_works_finds_a_work_named_but_not_listed():
    text = "0.55 eV (Amin, Balaya & Maier, ESSL 10, A13, 2007); 1e-9 S/cm (Chung et al. 2002); IUPAC 2013"
    assert _unlisted_works([text], [citations.CHUNG2002]) == ["Amin, Balaya & Maier, ESSL 10, A13, 2007"]
    assert _unlisted_works([text], [citations.CHUNG2002, "Amin2007"]) == []
    assert _unlisted_works(["Li et al., Adv. Mater. 33, 2008723 (2021)"], [citations.LI2021]) == []


def _literature_records():
    from pybamm_aea.materials import LITERATURE

    return list(LITERATURE)


@pytest.mark.parametrize("name", _literature_records())
def test_every_work_a_material_record_names_is_among_its_citations(name):
    """The module docstring and the ``source`` and ``references`` texts of a literature record name its values'
    works by author and year; each is in the citations its cell lists (``pybamm.print_citations()``), a BibTeX
    entry of :mod:`pybamm_aea.citations` or a key of PyBaMM's bibliography."""
    import importlib

    from pybamm_aea.materials import LITERATURE, get_material

    material = get_material(name)
    texts = [importlib.import_module(LITERATURE[name].partition(":")[0]).__doc__, *material.references.values()]
    texts += [getattr(material, field).source for field in ("ocp", "ocp_delithiation", "diffusivity",
                                                             "electronic_conductivity", "ionic_conductivity")
              if getattr(material, field) is not None]
    unlisted = _unlisted_works(texts, material.parameter_dict()["citations"])
    assert not unlisted, f"{name}: works named but not in its citations (add them to pybamm_aea.citations): {unlisted}"


def _submodel_works():
    """The works the model's submodels register when built, over the options that pick them (host, anode)."""
    works = set()
    for options in ({}, {"host thermodynamics": "lever rule"}, {"anode": "Li-In"}):
        for submodel in AEA(options, build=False).submodels.values():
            works.update(getattr(submodel, "citations", ()))
    return works


#: each set -> the modules whose text (docstrings and comments) states its values; a dispersed material by the
#: function that gives it
_P = "pybamm_aea.parameters."
_SET_TEXTS = {
    "Li2021_Mo6S8": [f"{_P}Li2021_Mo6S8", f"{_P}paper_cell"],
    "Li2021_TiS2": [f"{_P}Li2021_TiS2", f"{_P}paper_cell"],
    "Li2021_S_Mo6S8": [f"{_P}Li2021_S_Mo6S8", f"{_P}Li2021_Mo6S8", f"{_P}paper_cell",
                       f"{_P}dispersed_materials:sulfur"],
    "Li2021_LTO_Mo6S8": [f"{_P}Li2021_LTO_Mo6S8", f"{_P}Li2021_Mo6S8", f"{_P}paper_cell",
                         f"{_P}dispersed_materials:lithium_titanate", f"{_P}dispersed_materials:E_A_LTO_DIFFUSION"],
    **{name: [f"{_P}{name}", f"{_P}aea_material_cell", f"{_P}paper_cell"]
       for name in ("AEA_LiFePO4", "AEA_Li4Ti5O12", "AEA_LiCoO2", "AEA_NMC532")},
    "Li2021_S_C_LGPS": [f"{_P}Li2021_S_C_LGPS", "pybamm_aea.conventional"],
}


def test_every_registered_set_has_the_modules_of_its_values():
    """Each parameter set the package registers with PyBaMM (its entry points) is checked by the test below (the
    list covered 6 of the 9: a new set was not)."""
    from importlib.metadata import entry_points

    ours = {ep.name for ep in entry_points(group="pybamm_parameter_sets") if ep.value.startswith("pybamm_aea.")}
    assert ours == set(_SET_TEXTS)


@pytest.mark.parametrize("name", list(_SET_TEXTS))
def test_every_work_a_parameter_set_names_is_among_its_citations(name):
    """The works a set's modules name by author and year (docstrings and comments, where each value's source is
    written) are in the set's ``values["citations"]`` or registered by the submodels that read them."""
    import importlib
    import inspect

    texts = []
    for entry in _SET_TEXTS[name]:
        module_name, _, attr = entry.partition(":")
        module = importlib.import_module(module_name)
        if not attr:
            texts.append(inspect.getsource(module))
        elif callable(getattr(module, attr)):
            texts.append(inspect.getsource(getattr(module, attr)))
        else:  # a constant: the #: lines above it
            lines = inspect.getsource(module).splitlines()
            end = k = next(i for i, line in enumerate(lines) if line.startswith(f"{attr} ="))
            while lines[k - 1].startswith("#:"):
                k -= 1
            texts.append("\n".join(lines[k:end]))
    cited = [*pybamm.ParameterValues(name)["citations"], *_submodel_works()]
    unlisted = _unlisted_works(texts, cited)
    assert not unlisted, f"{name}: works named but not in its citations (add them to pybamm_aea.citations): {unlisted}"


# --- every work a set or a material record lists is a full bibliographic entry ----------------------------------
def _entry(work, pybamm_entries):
    """The pybtex entry of a listed work: its BibTeX string parsed, or PyBaMM's entry of its key (None if absent)."""
    database = pytest.importorskip("pybtex.database")
    if work.lstrip().startswith("@"):
        (_, entry), = database.parse_string(work, bib_format="bibtex").entries.items()
        return entry
    return pybamm_entries.get(work)


def _incomplete(works, pybamm_entries):
    """'key: what is missing' for each work that is no entry with author, title, year and journal (or publisher);
    ``pybamm_entries``: PyBaMM's bibliography (the ``pybamm_bibliography`` fixture)."""
    problems = []
    for work in works:
        entry = _entry(work, pybamm_entries)
        if entry is None:
            problems.append(f"{work!r}: neither a BibTeX entry nor a key of PyBaMM's bibliography")
            continue
        missing = [field for field in ("title", "year") if not entry.fields.get(field, "").strip()]
        missing += [] if entry.persons.get("author") else ["author"]
        venue = any(entry.fields.get(field, "").strip() for field in ("journal", "publisher"))
        missing += [] if venue else ["journal or publisher"]
        if missing:
            problems.append(f"{entry.key}: {', '.join(missing)}")
    return problems


def test_incomplete_names_a_missing_venue_and_an_unknown_key(pybamm_bibliography):
    no_venue = "@misc{X2020, title = {T}, author = {A, B}, howpublished = {somewhere}, year = {2020}}"
    assert _incomplete([no_venue, "NoSuchKey1999", citations.BRUGGEMAN1935, citations.LI2021],
                       pybamm_bibliography) == [
        "X2020: journal or publisher", "'NoSuchKey1999': neither a BibTeX entry nor a key of PyBaMM's bibliography"]


@pytest.mark.parametrize("name", list(_SET_TEXTS))
def test_every_work_a_parameter_set_lists_is_a_full_entry(name, pybamm_bibliography):
    """Each of a set's ``values["citations"]`` resolves, as :mod:`pybamm_aea.citations` BibTeX or a key of PyBaMM's
    CITATIONS.bib, to an entry with author, title, year and journal (or publisher): what ``print_citations`` needs
    to name the work (the LiCoO2 set's two misc entries, Ben Yahia 2013 and Miyoshi's preprint, named no venue)."""
    problems = _incomplete(pybamm.ParameterValues(name)["citations"], pybamm_bibliography)
    assert not problems, f"{name}: {problems}"


@pytest.mark.parametrize("name", _literature_records())
def test_every_work_a_material_record_lists_is_a_full_entry(name, pybamm_bibliography):
    from pybamm_aea.materials import get_material

    problems = _incomplete(get_material(name).parameter_dict()["citations"], pybamm_bibliography)
    assert not problems, f"{name}: {problems}"


def test_every_bibtex_entry_says_how_it_was_checked():
    """Each entry of pybamm_aea.citations has a ``#:`` comment above it saying what was verified against a public
    record (and where) or that it was not."""
    import inspect

    lines = inspect.getsource(citations).splitlines()
    unsaid = []
    for i, line in enumerate(lines):
        match = re.match(r'([A-Z0-9_]+) = """@', line)
        if match:
            k = i
            while lines[k - 1].startswith("#:"):
                k -= 1
            if "verified" not in " ".join(lines[k:i]):
                unsaid.append(match.group(1))
    assert not unsaid
