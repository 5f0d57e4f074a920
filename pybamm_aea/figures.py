"""What the figure scripts of ``examples/`` (and the command line) share: where a figure goes,
writing it, and a script's command line ``python script.py [OUTDIR]``."""
import sys
from pathlib import Path


def output_dir(outdir, script):
    """``outdir``, or when it is None ``figures/`` beside the ``script`` file in a source checkout
    (``examples/figures/``) and in the working folder for an installed copy (a file written into
    site-packages would outlive ``pip uninstall``); created if missing."""
    here = Path(script).resolve().parent
    installed = {"site-packages", "dist-packages"} & set(here.parts)
    folder = Path(outdir) if outdir is not None else (Path.cwd() if installed else here) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(fig, path, dpi=150):
    """Write the matplotlib ``fig`` to ``path`` and close it; return ``[path]``, what a script's
    ``main`` returns."""
    import matplotlib.pyplot as plt

    path = Path(path)
    fig.savefig(path, dpi=dpi)
    plt.close(fig)
    return [path]


def run(main, argv=None):
    """Command line of a figure script: ``main(OUTDIR or None)``, then print the files written."""
    argv = sys.argv[1:] if argv is None else argv
    for path in main(argv[0] if argv else None) or []:
        print(path)
