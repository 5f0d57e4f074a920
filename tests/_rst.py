"""The code blocks of a reStructuredText text (a docs page, a module's docstring): :func:`rst_code_blocks`, for the
tests that run them (``tests/`` is on ``sys.path`` in pytest's default import mode, as the directory of the rootdir's
``conftest.py``)."""
import re
import textwrap


def rst_code_blocks(text):
    """(section heading, language, code) of every code block of a reStructuredText page, in order: the
    ``.. code-block:: <language>`` directives and the ``::`` literal blocks (python, Sphinx's default highlight).
    Other directives ending in ``::`` (math, toctree, list-table ...) are not code."""
    lines = text.splitlines()
    blocks, heading = [], ""
    k = 0
    while k < len(lines):
        line = lines[k]
        if k + 1 < len(lines) and line.strip() and re.fullmatch(r"([=\-~^\"'`#*+])\1{2,}", lines[k + 1].strip()) \
                and len(lines[k + 1].strip()) >= len(line.strip()):
            heading = line.strip()
        directive = re.match(r"\s*\.\. code-block::\s*(\w*)\s*$", line)
        literal = not line.lstrip().startswith("..") and line.rstrip().endswith("::")
        if not (directive or literal):
            k += 1
            continue
        indent = len(line) - len(line.lstrip())
        k += 1
        while k < len(lines) and lines[k].strip().startswith(":") and directive:  # directive options
            k += 1
        body = []
        while k < len(lines) and (not lines[k].strip() or len(lines[k]) - len(lines[k].lstrip()) > indent):
            body.append(lines[k])
            k += 1
        code = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
        blocks.append((heading, directive.group(1) if directive else "python", code))
    return blocks
