"""The public entry, :func:`sweep` (light to import: the heavy modules load when it runs)."""
from __future__ import annotations

import os

from pybamm_aea.paper_protocol import C_RATE
from pybamm_aea.user_input import Said, whole_at_least


class SweepConfigError(ValueError):
    """A grid, experiment, parameter-set or output-path problem found before any point runs.

    ``argument`` is the keyword of :func:`sweep` the problem is in (``"grid"``, ``"parameter_set"``,
    ``"results_file"``, ...): the command line names its own option for it, and only that one; None (the
    default) when it is in no one keyword. A message naming other keywords (its way out) is a
    :class:`~pybamm_aea.user_input.Said`: :meth:`said` says them as another caller types them.
    """

    def __init__(self, message, argument=None):
        super().__init__(message)
        self.argument = argument

    def said(self, typed):
        """The message with the keywords it names said by ``typed(keyword, value)`` (the command line's options)."""
        message = self.args[0]
        return message.said(typed) if isinstance(message, Said) else str(self)

    def __reduce__(self):
        return type(self), (self.args[0], self.argument)


class SweepNote(UserWarning):
    """A fact of the whole sweep, warned once before any solve and kept in ``table.attrs["notes"]`` (e.g. the
    compaction law of another composition, :func:`pybamm_aea.sweep.config.compaction_notes`)."""


def sweep(grid, parameter_set="Li2021_S_Mo6S8", experiment=None, client=None, options=None, results_file=None,
          workers=None, *, export=None, force=False, compaction=None, reference_c_rate=C_RATE, retry_failed=False,
          batch_size=None, batched=True, threads=1, progress=None, mp_context=None, cathode_cells=None,
          mesh_check=False, replace_results=False, cell=None, rate_capability=False):
    """Evaluate a grid (or a sample) of AEA cell designs; one row per point. See :mod:`pybamm_aea.sweep`.

    Parameters
    ----------
    grid : Mapping, pandas.DataFrame or list of dict
        Names -> lists of values (Cartesian product), or explicit designs. Names: PyBaMM parameters of the set
        with units (``"Cathode loading [kg.m-2]"``, ``"Ambient temperature [K]"``, ...), derived inputs
        ``"Cathode fabrication pressure [MPa]"`` (a parameter that also sets the porosity of pressing there),
        ``"Pressing and stack pressure [MPa]"`` (pressed and held at P), ``"C-rate"``, ``"S8 mass fraction"``,
        ``"Cathode thickness [um]"``, and AEA options (``"anode"``, ...). ``"Stack pressure [MPa]"`` is the
        pressure the cell is held at only: swept alone (no fabrication pressure or porosity), it is refused.
    parameter_set : str, AEAMaterial or path
        A registered parameter set (``"Li2021_Mo6S8"``, ``"Li2021_TiS2"``, ``"Li2021_S_Mo6S8"``, ...), or a
        :class:`~pybamm_aea.materials.AEAMaterial` (or the path of its ``.json`` file), swept on the paper's lab cell
        as ``material.parameter_values()`` (:func:`pybamm_aea.materials.as_material`, as ``screen``); the results
        store records the material by its content.
    experiment : None, str, list or pybamm.Experiment
        PyBaMM step strings (tuples of them for cycles). Default: one discharge at ``reference_c_rate`` to the
        set's ``"Lower voltage cut-off [V]"`` (on the Li-In anode, moved down by its plateau as the model's
        defaults: :func:`pybamm_aea.parameters.paper_cell.li_in_window`); for a set made lithiated
        (:func:`pybamm_aea.parameters.starts_with_charge`) one cycle, a charge at that rate to its ``"Upper voltage
        cut-off [V]"`` then that discharge; a swept cut-off ends each point's step at its own value (on Li-In: that
        cell's voltage). An experiment given is run as given; with it, a swept cut-off whose steps end at their own
        voltages is refused (SweepConfigError). The discharge starts from the set's initial state: for Mo6S8 pristine
        (``"Initial cathode Li content"`` 0.004), whose nucleation decides a fast discharge, not a formed cell's rate
        capability; for that, start at LiMo6S8 by adding ``"Initial cathode Li content": [1.0]`` to the grid
        (docs/sweeps.rst, "The rate capability of a formed cell": 10 mg/cm2 at 1C over 0.1C, 0.0046 pristine,
        0.545 formed).
    client : dask.distributed.Client, optional
        Run the batches on this Dask cluster instead of local processes.
    options : dict, optional
        AEA model options for every point (e.g. ``{"anode": "Li-In"}``).
    results_file : str or Path, optional
        SQLite results store (``.sqlite``, ``.sqlite3`` or ``.db``): each finished batch is committed as it
        arrives; points already in it are not run again (resume); see :mod:`pybamm_aea.sweep.store`.
    workers : int, optional
        Local processes (default: all cores); 1 runs in this process. Ignored with ``client``.
    export : str or Path, optional
        Also write the final table to this ``.csv``, ``.json`` or ``.parquet`` file.
    force : bool
        Overwrite an existing ``export`` file (default False: refused before any solve). It never touches
        ``results_file``.
    replace_results : bool
        Replace a ``results_file`` that is not a results store, or holds a sweep of another configuration (its
        points are dropped, with a warning saying how many; default False: refused before any solve).
    compaction : str or callable, optional
        Compaction data set for ``"Cathode fabrication pressure [MPa]"`` or ``"Pressing and stack pressure [MPa]"``
        (default from :data:`COMPACTION_SETS`).
    reference_c_rate : float
        The rate the experiment's C-rate steps are written at and the basis of the rate capability (default: the
        paper's, :data:`pybamm_aea.paper_protocol.C_RATE`).
    rate_capability : bool
        With a swept ``"C-rate"``, also solve each design at ``reference_c_rate`` where the grid lacks that point, for
        its "Rate capability" (default False: that column is filled only for designs whose reference-rate point is
        in the grid, NaN for the others, said once in a :class:`SweepNote`). The points so added are not rows of the
        table (its rows are the grid's, exactly): they are ``table.attrs["reference points"]`` (a list of dicts: the
        table's columns, and ``"warning texts"``, the full text of each of its warnings as [class name, text]); a row
        whose "Rate capability" reads one carries its warnings ("its reference point, 0.1C: ..."). A reference point a
        ``results_file`` holds is read without it, not solved again.
        Until session 49 they were always solved and were rows of the table (a design study over ``"C-rate": [0.2]``
        got half its rows at 0.1C, and twice the solves).
    retry_failed : bool
        Run again the points whose stored row has an error (default False: they are kept as they are).
    batch_size : int, optional
        Points per task at most (default: a quarter of each worker's share, at most 200 for batched solves, 25
        otherwise); with several workers the last tasks are smaller (down to an eighth) so they finish together.
    batched : bool
        Solve the points of a single constant-current discharge (the default experiment) in batches through
        PyBaMM's list of inputs (default True); other experiments always run point by point.
    threads : int
        Threads of each batched solve (IDAKLU's ``num_threads``: the input sets of a batch are integrated in
        parallel); default 1. Threads and ``workers`` share the same cores.
    progress : bool or None
        Show a tqdm progress bar on stderr; None (default): when stderr is a terminal
        (:func:`pybamm_aea.progress.progress_bar`).
    mp_context : str, optional
        Start method of the local processes (default ``"fork"`` on Linux, ``"spawn"`` elsewhere).
    cathode_cells : int, optional
        Finite-volume cells across the cathode (default: the model's, 20 on the multi-phase host and 10 on the lever
        rule). Run a sweep again on twice the cells to see whether its numbers are the mesh's (README: "Is a
        prediction mesh-converged?"); a results store keeps the number and refuses another.
    mesh_check : bool
        Also run every point on a finer mesh (``cathode_cells``, else the model's mesh, refined as
        :func:`pybamm_aea.mesh_check` refines a run the mesh may decide: 8x, 160 cells at least, for Mo6S8's
        multi-phase host; twice for other hosts) and add the
        columns "Fine-mesh electrode specific capacity [mA.h.g-1]", "Fine-mesh first discharge electrode specific
        capacity [mA.h.g-1]", "Fine-mesh mean discharge voltage vs Li [V]" and "Mesh converged": both capacities within
        1 % of the largest of the four and the mean discharge voltage within 10 mV (the criteria of
        :func:`pybamm_aea.mesh_check`), no error on either mesh. With ``results_file`` the fine rows keep a store
        of their own beside it (``s.sqlite`` -> ``s.fine.sqlite``, checked before any solve), so both resume.
        ``table.attrs["mesh check"]`` gives the two meshes. About 3x the time (README, "Design sweeps").
    cell : str or pybamm_aea.energy.Cell, optional
        A stack: a preset name of :func:`pybamm_aea.energy.cell_preset` (:data:`pybamm_aea.cell_preset_names.NAMES`;
        another name is refused with the close ones), or a :class:`pybamm_aea.energy.Cell` of your own (its
        separators, anode and collectors; its cathode and loading are replaced by each point's,
        :meth:`~pybamm_aea.energy.Cell.with_cathode`). Adds the columns "Cell gravimetric energy [W.h.kg-1]"
        and "Cell volumetric energy [W.h.L-1]", the last discharge's energy over the stack's mass and volume with
        the point's cathode (its composition, porosity and loading) as the stack's, computed as
        :func:`pybamm_aea.cycling.cycle_summary` ``(cell=)`` computes them (:func:`pybamm_aea.cycling.cell_energy`);
        NaN, said in the row's ``warnings``, where the discharge delivered more per area than the stack's anode gives
        (:func:`pybamm_aea.cycling.anode_limited`).
        The energy is the cell's as simulated (against the simulated anode: on Li-In the cell's voltage, not the
        cathode's vs Li of the electrode columns), not re-referenced to the stack's anode. Only for sets whose
        composition the sweep knows (:data:`SET_COMPOSITIONS`) and materials; checked before any solve (a value
        neither a preset nor a Cell, a Cell whose anode does not suit the sweep's cathode); a results store keeps
        the preset, or the Cell's stack (:meth:`~pybamm_aea.energy.Cell.stack_record`), and refuses another.

    Returns
    -------
    pandas.DataFrame
        One row per point of the grid, in grid order, and no other: the inputs, derived inputs and the columns of
        :data:`RESULT_COLUMNS` (``"Rate capability"`` only when C-rate is swept, the cell columns only with ``cell``).
        A row's ``warnings`` give each warning by its class name and short form (its first clause, or its class's
        own with its verdict and figures: :func:`pybamm_aea.sweep.metrics.short_warning`), then the row's own notes
        whole.
        ``table.attrs["failed"]`` is the number of failed points, ``table.attrs["notes"]`` the facts of the whole sweep
        (list of str, each warned once as a :class:`SweepNote` before any solve), ``table.attrs["warnings"]`` each
        distinct warning's full text once (a list of dicts: ``"warning"`` its class name, ``"text"``, ``"rows"`` the
        index labels of the rows it is in: a sort or a filter keeps the attrs, ``table.loc[table.index.isin(rows)]``),
        ``table.attrs["reference points"]`` the reference-rate points solved beside the grid (``rate_capability``;
        else empty); the attrs are not in the CSV or JSON export, which hold the rows.

    Raises
    ------
    SweepConfigError (a ValueError)
        Before any point runs: an unknown name, a value that is not a number, conflicting names, an
        unknown parameter set or experiment, an output path that is not writable, a foreign file or an existing
        export without ``force``, a store of another configuration. Errors of single points do not raise: they
        are in the ``"error"`` column.
    """
    from .driver import run

    return run(grid, parameter_set=parameter_set, experiment=experiment, client=client, options=options,
               results_file=results_file, workers=workers, export=export, force=force, compaction=compaction,
               reference_c_rate=reference_c_rate, retry_failed=retry_failed, batch_size=batch_size, batched=batched,
               threads=threads, progress=progress, mp_context=mp_context, cathode_cells=cathode_cells,
               mesh_check=mesh_check, replace_results=replace_results, cell=cell, rate_capability=rate_capability)


def count(name, value):
    """``value`` as an int if it is an integer >= 1 (a Python or NumPy int), else SweepConfigError naming ``name``
    and the value: ``int()`` read workers=1.5 as 1 and "2" as 2, and batch_size=-1 failed after the solves with a
    KeyError."""
    if not whole_at_least(value, 1):
        raise SweepConfigError(f"{name} must be an integer >= 1, got {value!r}", name)
    return int(value)


def worker_count(workers):
    return count("workers", workers) if workers is not None else (os.cpu_count() or 1)
