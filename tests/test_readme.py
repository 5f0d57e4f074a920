"""Every code block of README.md runs.

Python blocks run as scripts in a subprocess (a temporary working directory, ``MPLBACKEND=Agg``),
each on its own, as a reader would paste it. Bash blocks: each ``pybamm-aea ...`` or
``python ...`` command line runs in a temporary directory; ``pip install`` (done by CI before the
tests) and ``pytest`` (this suite) are not re-run. Blocks and commands known to finish in a few
seconds run in the fast loop, the others are marked slow (a new block is slow until listed).
"""
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

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
