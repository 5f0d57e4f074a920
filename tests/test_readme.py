"""Every code block of README.md and every python block of the Sphinx docs (docs/*.rst) runs.

Python blocks run as scripts in a subprocess (a temporary working directory, ``MPLBACKEND=Agg``),
each on its own, as a reader would paste it. Bash blocks: each ``pybamm-aea ...`` or
``python ...`` command line runs in a temporary directory; ``pip install`` (done by CI before the
tests) and ``pytest`` (this suite) are not re-run. Blocks and commands known to finish in a few
seconds run in the fast loop, the others are marked slow (a new block is slow until listed).
The docs' blocks (``.. code-block:: python`` and ``::`` literal blocks) run the same way, each on its own; there
is no skip list: a block must run when pasted alone.
"""
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from _rst import rst_code_blocks  # (tests/_rst.py)

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent

#: README sections whose python blocks take a few seconds (measured 2026-12-03, nice 10 on the shared 2 cores at a
#: load of 1.5: 0.9-2.8 s; 1.0-13 s at a load of 3)
FAST_PYTHON_SECTIONS = {"Initial state", "Is a prediction mesh-converged?", "Energy density, electrode and cell",
                        "Fitting"}
#: command lines (prefixes) that take a few seconds (0.9-4.0 s, as above), but those of SLOW_COMMANDS
FAST_COMMANDS = ("pybamm-aea energy", "pybamm-aea simulate", "pybamm-aea --help")
#: command lines (prefixes) of FAST_COMMANDS that do not: the 20 cycles at 0.5C (6.5 s, 20 s at a load of 3)
SLOW_COMMANDS = ('pybamm-aea simulate --experiment "Discharge at 0.5C',)
#: (docs file, section heading) of docs python blocks that take a few seconds (measured 2026-12-05, nice 10 on the
#: shared 2 cores at a load of 1.2: 2.6-2.9 s each; the 50-cycle summary block, 5.8 s, is slow)
FAST_DOCS_SECTIONS = {("index.rst", "pybamm-aea"), ("pybamm_tools.rst", "Save, load and pickle"),
                      ("pybamm_tools.rst", "Voltage components"),
                      # the student quick start: 2.9-4.2 s of CPU each, as index.rst's 3.1 s (measured 2026-12-07)
                      ("tutorial.rst", "The parameter sets and their cut-offs"),
                      ("tutorial.rst", "LMS: the first discharge and charge, and the ionic switch"),
                      ("tutorial.rst", "S-LMS: the electrode specific capacity"),
                      ("tutorial.rst", "TiS2: the first-cycle loss"),
                      ("tutorial.rst", "What-ifs: check the mesh, start from LiMo6S8")}
DOCS = ROOT / "docs"
#: commands the suite does not run, with the reason
NOT_RUN = {"pip": "installation, done by CI before the tests", "pytest": "this test suite itself"}


def code_blocks(text=None):
    """(section heading, language, code) of every fenced block of the README, in order."""
    text = README.read_text() if text is None else text
    blocks, heading = [], ""
    fence = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
    pos = 0
    for match in fence.finditer(text):
        for line in text[pos:match.start()].splitlines():
            if line.startswith("#"):
                heading = line.lstrip("#").strip()
        pos = match.end()
        blocks.append((heading, match.group(1), match.group(2)))
    return blocks


def docs_code_blocks():
    """(docs file name, section heading, language, code) of every code block of docs/*.rst."""
    return [(path.name, *block) for path in sorted(DOCS.glob("*.rst")) for block in rst_code_blocks(path.read_text())]


def command_lines(code):
    """The commands of a bash block: continuations joined, comments dropped, ``&&`` split."""
    joined = re.sub(r"\s*\\\n\s*", " ", code)
    commands = []
    for line in joined.splitlines():
        line = re.sub(r"\s+#.*$", "", line).strip()
        if not line or line.startswith("#"):
            continue
        commands.extend(part.strip() for part in line.split("&&") if part.strip())
    return commands


def _cases():
    cases = []
    for k, (heading, language, code) in enumerate(code_blocks()):
        if language == "python":
            slow = heading not in FAST_PYTHON_SECTIONS
            marks = [pytest.mark.slow] if slow else []
            cases.append(pytest.param("python", code, marks=marks, id=f"{k}-python-{heading}"))
        elif language in ("bash", "sh", "shell"):
            for command in command_lines(code):
                program = command.split()[0]
                if program in NOT_RUN:
                    continue
                slow = not command.startswith(FAST_COMMANDS) or command.startswith(SLOW_COMMANDS)
                marks = [pytest.mark.slow] if slow else []
                cases.append(pytest.param("bash", command, marks=marks, id=f"{k}-bash-{command[:60]}"))
    return cases


def _docs_cases():
    cases = []
    for k, (name, heading, language, code) in enumerate(docs_code_blocks()):
        marks = [] if (name, heading) in FAST_DOCS_SECTIONS else [pytest.mark.slow]
        cases.append(pytest.param(code, marks=marks, id=f"{k}-{name}-{heading}"))
    return cases


def _environment():
    env = dict(os.environ, MPLBACKEND="Agg")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_readme_has_blocks_of_each_kind():
    languages = [language for _, language, _ in code_blocks()]
    assert "python" in languages and "bash" in languages
    assert all(language in ("python", "bash") for language in languages), languages


def test_command_lines_are_split_as_a_shell_would():
    code = 'pybamm-aea a --x "1 2" \\\n    --y 3  # comment\n# only a comment\npip install -e . && python -m m\n'
    assert command_lines(code) == ['pybamm-aea a --x "1 2" --y 3', "pip install -e .", "python -m m"]


def test_the_docs_name_only_subcommands_that_exist():
    """README said "as `pybamm-aea compare`", a subcommand that does not exist (the command line: "invalid choice:
    'compare'"; the comparison is pybamm-aea without a subcommand; session 48's user trial). Every `pybamm-aea WORD`
    in backticks, and every command line of a code block, of README.md and docs/*.rst names a subcommand of the
    parser (or an option, or nothing)."""
    from pybamm_aea.cli import build_parsers

    subcommands = build_parsers()[1]
    texts = [README.read_text()] + [path.read_text() for path in sorted(DOCS.glob("*.rst"))]
    named = [m.group(1) for text in texts for m in re.finditer(r"`+pybamm-aea +([^\s`]+)", text)]
    named += [line.split()[1] for _, language, code in code_blocks() if language == "bash"
              for line in command_lines(code) if line.startswith("pybamm-aea ")]
    assert named, "no pybamm-aea command found"
    unknown = sorted({word for word in named if not word.startswith("-") and word not in subcommands})
    assert unknown == [], f"{unknown} named as pybamm-aea subcommands; the parser's: {sorted(subcommands)}"


def test_the_quick_loop_runs_the_quick_blocks():
    """`pytest -m "not slow"` collects the blocks listed as quick and only those (a slow mark on the whole test
    put every block out of the quick loop from 2026-11-30 to 2026-12-03)."""
    quick = sorted(c.id for c in _cases() if not c.marks)
    assert len(quick) >= 5
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not slow", "-p",
                          "no:cacheprovider", f"{__file__}::test_readme_block_runs"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    collected = sorted(re.findall(r"test_readme_block_runs\[(.*)\]$", out.stdout, re.M))
    assert collected == quick, out.stdout[-2000:]


@pytest.mark.parametrize("language, code", _cases())
def test_readme_block_runs(language, code, tmp_path):
    env = _environment()
    if language == "python":
        script = tmp_path / "snippet.py"
        script.write_text(code)
        argv = [sys.executable, str(script)]
    else:
        argv = shlex.split(code)
        if argv[0] == "python":
            argv[0] = sys.executable
        elif argv[0] == "pybamm-aea":
            argv[0] = str(BIN / "pybamm-aea")
        else:
            pytest.fail(f"README command {code!r}: only pybamm-aea, python, pip and pytest lines are expected")
    result = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, f"{code}\n--- stderr ---\n{result.stderr[-3000:]}"


def test_rst_code_blocks_are_found_and_dedented():
    text = ("Title\n=====\n\nSome text::\n\n    import a\n\n    a.b()\n\nNext\n----\n\n.. math::\n\n    x = 1\n\n"
            ".. code-block:: python\n   :caption: c\n\n   print(1)\n\n.. code-block:: bash\n\n   ls\n\nafter\n")
    assert rst_code_blocks(text) == [("Title", "python", "import a\n\na.b()\n"), ("Next", "python", "print(1)\n"),
                                     ("Next", "bash", "ls\n")]


def test_the_docs_have_python_blocks_only_and_the_quick_ones_are_in_the_quick_loop():
    """Every docs block is python (a block of another language would need a runner here), and each section listed
    as quick holds a block (a renamed section would otherwise put its block in the slow run silently)."""
    blocks = docs_code_blocks()
    assert len(blocks) >= 4 and all(language == "python" for _, _, language, _ in blocks), blocks
    assert FAST_DOCS_SECTIONS <= {(name, heading) for name, heading, _, _ in blocks}


@pytest.mark.parametrize("code", _docs_cases())
def test_docs_block_runs(code, tmp_path):
    """A python block of docs/*.rst runs pasted alone (the summary-variables block of pybamm_tools.rst had no
    ``import pybamm``: NameError, and the voltage-components one used the solution of the block before it)."""
    script = tmp_path / "snippet.py"
    script.write_text(code)
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=_environment(), capture_output=True,
                            text=True, timeout=1800)
    assert result.returncode == 0, f"{code}\n--- stderr ---\n{result.stderr[-3000:]}"


def test_the_options_paragraph_lists_every_option_and_value_defaults_first():
    """The README's "Options (defaults first)" paragraph gives each option of ``AEA`` (``AEAOptions.POSSIBLE``) with all its values in the
    model's order (the first the default): an option or value added to the model and not to the README (the
    interphase's "stability window" was) fails here."""
    from pybamm_aea.models.aea import AEAOptions

    text = README.read_text()
    start = text.index("Options (defaults first):")
    paragraph = " ".join(text[start:text.index("\n\n", start)].split())
    for option, values in AEAOptions.POSSIBLE.items():
        match = re.search(rf'`"{re.escape(option)}"`[^:`]*: ((?:`"[^"]+"`(?: / )?)+)', paragraph)
        assert match, option
        assert tuple(re.findall(r'`"([^"]+)"`', match.group(1))) == values, (option, match.group(1))


def test_the_options_paragraph_names_the_sets_that_give_li_trapping_a_rate():
    """A degradation option runs at its set's rates, and a set that calibrates no such mechanism gives it 0: "Li
    trapping": "irreversible" on Li2021_Mo6S8 (50 CCCV cycles at 0.5C) lost 0.0 mol of Li, without a word in the
    options paragraph. It names the sets whose trapping fractions are not 0 (the sets' values decide) and, once for
    every degradation option, the warning a model on values without its rates gives (session 46: the sets' 0 said
    there, not again per option)."""
    import pybamm

    from pybamm_aea.parameters import SET_FACTS

    text = README.read_text()
    start = text.index("Options (defaults first):")
    paragraph = " ".join(text[start:text.index("\n\n", start)].split())
    clause = paragraph[paragraph.index('`"Li trapping"`'):paragraph.index('`"ionic-switch host loss"`')]
    rated = set()
    for name in SET_FACTS:
        values = pybamm.ParameterValues(name)
        if values["Li trapping fraction"] or values["Initial Li trapping fraction"]:
            rated.add(name)
    assert rated and set(re.findall(r"`((?:Li2021|AEA)_\w+)`", clause)) == rated, (rated, clause)
    assert "DegradationWithoutRateWarning" in paragraph and "0 mol of Li lost" in paragraph


def test_a_readme_figure_is_read_to_its_own_rounding(readme_figure):
    """conftest's readme_figure reads a figure at its anchor and compares to its own rounding (half a unit of its
    last digit): a figure edited by one unit of its last digit no longer matches the model's; a figure the README
    states twice must read alike; an anchor found nowhere or twice is refused. (The pins re-typed the README's
    figures, a fact written twice, with tolerances of their own.)"""
    text = "| LMS | 130 mAh/g | 128.5 (lever rule); 128.2 (multi-phase) |\nits first discharge, 128.2\nmAh/g; 1.81 V"
    first = ("| 130 mAh/g | {_} (lever rule); {} (multi-phase)", "first discharge, {} mAh/g")
    figure = readme_figure(*first, text=text)
    assert (figure.value, figure.decimals) == (128.2, 1)
    assert 128.194 == figure.approx() and 128.2499 == figure.approx() and 128.1501 == figure.approx()
    for edited in ("128.1", "128.3"):
        assert 128.194 != readme_figure(*first, text=text.replace("128.2", edited)).approx()
    two = readme_figure("; {} V", text=text)
    assert (two.value, two.decimals) == (1.81, 2)
    assert 1.812 == two.approx() and 1.812 != readme_figure("; {} V", text=text.replace("1.81", "1.82")).approx()
    assert 1.8165 != two.approx() and 1.8165 == two.approx(0.002)  # a stated tolerance widens it
    assert readme_figure("| {} mAh/g", text=text).approx() == 130  # no decimals: to 0.5
    with pytest.raises(ValueError, match=r"states 128.2 at .* but 128.3 at 'first discharge"):
        readme_figure(*first, text=text.replace("first discharge, 128.2", "first discharge, 128.3"))
    with pytest.raises(ValueError, match="holds the anchor '{} \\(multi-phase\\)' 0 times"):
        readme_figure("{} (multi-phase)", text=text.replace("128.2 (multi", "(multi"))
    with pytest.raises(ValueError, match="2 times"):
        readme_figure("{_} (lever rule); {}", text=text + text)


def _pinned_anchors():
    """(test file, anchors) of every readme_figure call of the test files but this one (its string arguments) that
    pins the README's (not a docs page's, ``text=``)."""
    import ast

    found = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "readme_figure"
                    and not any(k.arg == "text" for k in node.keywords)):  # (text=: a docs page's figure)
                found.append((path.name, [a.value if isinstance(a, ast.Constant) else None for a in node.args]))
    return found


def test_every_readme_figure_a_test_pins_is_in_the_readme_once(readme_figure):
    """Each figure a (slow) test pins through readme_figure is in README.md once, stated alike where the README
    repeats it: a README edit that loses an anchor fails here in the quick loop, not only in the slow run."""
    pinned = _pinned_anchors()
    assert {f for f, _ in pinned} == {"test_cli.py", "test_conventional.py", "test_convergence.py", "test_cycling.py",
                                      "test_degradation.py",
                                      "test_host_phase_field.py", "test_hybrids.py", "test_initial_state.py",
                                      "test_materials_figS2.py",
                                      "test_model.py", "test_solver_tolerance.py", "test_sweep.py"}
    for name, anchors in pinned:
        assert anchors and all(isinstance(a, str) for a in anchors), f"{name}: an anchor not written as text"
        readme_figure(*anchors)
