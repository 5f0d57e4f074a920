"""Design sweeps of AEA cells: a grid (or a sample) of designs through the AEA model and the energy model.

``pybamm_aea.sweep(grid, ...)`` (this package, callable as :func:`sweep`; also ``from pybamm_aea.sweep import
sweep``). Modules: :mod:`.grid` (grids and point keys), :mod:`.config` (the validated configuration, derived
inputs), :mod:`.worker` (simulations, batched and per-point solves), :mod:`.metrics` (result columns), :mod:`.store`
(SQLite results store, exports, pre-flight), :mod:`.executors` (serial, local processes, Dask), :mod:`.driver` (the
sweep itself).

:func:`sweep` evaluates every point of a grid (names -> lists of values, Cartesian product) or of an explicit
sample (a ``pandas.DataFrame`` or a list of dicts, one design per row) with one ``pybamm.Simulation`` per worker
process: every swept parameter is a PyBaMM input parameter (``"[input]"``), so the model is built and
discretised once per worker and each point is only a solve. When the experiment is one constant-current (or
C-rate) discharge to a voltage cut-off (the default), the points of a batch are solved in one call through
PyBaMM's list of inputs (``sim.solve(t_eval, inputs=[...])``, IDAKLU), each stopping at its own cut-off; other
experiments run point by point. Every value is checked against :data:`pybamm_aea.models.checks.RANGES` (the
grid's names here, the model's input parameters by its solver at solve time): a point out of range gets an
error naming the parameter and its value. It returns a tidy ``pandas.DataFrame``, one row per point, with
``table.attrs["failed"]`` the number of failed points.

Grid names
----------
- any PyBaMM parameter of the set, with its units, e.g. ``"Cathode loading [kg.m-2]"``, ``"Cathode porosity"``,
  ``"Ambient temperature [K]"``, ``"Separator layer 1 thickness [m]"``; a parameter that is a function of state
  (an exchange-current density, a diffusivity) is refused: a number would drop its dependence on Li content and
  temperature; sweep its scalar factor (``"Cathode exchange-current density factor"``). ``"Ambient temperature [K]"`` is
  passed through an input of another name, because PyBaMM refuses input parameters called like the ones an experiment
  controls; the effect is the same. ``"Initial cathode Li content"`` sets the host's state the experiment starts
  from: the default experiment is the set's first discharge, of pristine Mo6S8 for ``"Li2021_Mo6S8"`` (0.004),
  whose nucleation decides a fast discharge; ``[1.0]`` starts at LiMo6S8, the formed cell the paper cycles, for its
  rate capability (docs/sweeps.rst, "The rate capability of a formed cell").
- derived inputs:

  - ``"Cathode fabrication pressure [MPa]"`` (the pressure the cathode was pressed at, a parameter of the sets):
    also sets ``"Cathode porosity"``, the compaction law's under that pressure (:func:`pybamm_aea.energy.porosity`,
    branch ``"loading"``: the model's as-made porosity is anchored at the fabrication pressure; data set chosen
    from the parameter set, see :data:`COMPACTION_SETS`, or the ``compaction=`` argument). The cell is held at the
    set's ``"Stack pressure [MPa]"`` (360 MPa), or at a swept one. ``"Pressing and stack pressure [MPa]"`` (no
    parameter) is a cathode pressed and held at P, the paper's protocol at 360 MPa: both pressures P and the
    porosity from the law at P. ``"Stack pressure [MPa]"`` is the pressure the cell is held at only, as in the
    model; it does not change the porosity, so a grid sweeping it without a fabrication pressure or a porosity is
    refused (until session 60 it set the porosity from the law at P while the model took the cathode as pressed
    at 360 MPa, one pressure counted twice). The model keeps the porosity of pressing (no elastic rebound: Table
    S7's released porosities are not used), and a cell held below its fabrication pressure is not compacted
    further. Outside the measured 36-360 MPa the fitted law
    extrapolates, and the point's ``warnings`` column says so. With the set's data set, a point whose composition
    is the one another data set was measured on takes that one (S-LMS at 0 wt% S8: Mo6S8's); a point of another
    composition than its law's (e.g. S-LMS at 45 wt% S8, LTO-LMS on the Mo6S8 law, or a ``compaction=`` of another
    material) keeps it, and the sweep warns once (a :class:`SweepNote`, a ``UserWarning``, before any solve)
    naming both compositions and the points of that composition (:func:`.config.compaction_notes`; it was in the
    ``warnings`` of every row), and keeps the note in ``table.attrs["notes"]``.
  - ``"C-rate"``: the discharge (and charge) rate. The experiment's C-rate steps are written at
    ``reference_c_rate`` (0.1C by default, the paper's rate); a point at C-rate ``c`` runs them at
    ``c / reference_c_rate`` times that rate (through the nominal capacity PyBaMM turns C-rates into currents
    with, an input parameter too). With the default experiment that is simply "Discharge at cC until the lower
    cut-off". Every C-rate step and C-rate cut-off scales so, one written at another rate too (a C/20 RPT, a hold
    until C/50: said once, a :class:`SweepNote`, :func:`.rate_steps.scaled_rate_notes`); one written as a current
    does not. The rate capability column needs the reference-rate point of each design: where the grid lacks it,
    the column is NaN (said once, a :class:`SweepNote`), unless ``rate_capability=True``, which solves those points
    too and keeps them out of the rows, in ``table.attrs["reference points"]``: the table's rows are the grid's,
    exactly (until session 49 the reference points were always added as rows).
  - ``"S8 mass fraction"``: for the hybrid S8-in-Mo6S8 sets (``"Li2021_S_Mo6S8"``), passed to the set's
    ``"Dispersed material mass fraction"`` when its dispersed material is S8 (or to a parameter of that name); any
    other set is a ``SweepConfigError`` naming it. ``"Dispersed material mass fraction"`` itself can be swept on
    any hybrid set (e.g. the Li4Ti5O12 fraction of ``"Li2021_LTO_Mo6S8"``).
  - ``"Cathode thickness [um]"``: sets the loading from the thickness, host density and porosity of the point.
  - AEA model options (``"anode"``, ``"hysteresis"``, ``"ionic switch"``, ``"electronic conduction"``): one model
    build per distinct value and worker (options cannot be input parameters).

``"Nominal cell capacity [A.h]"`` (the C-rate basis) is scaled with the loading (and with the theoretical
capacity of the composition, :class:`pybamm_aea.energy.Electrode`, when the S8 or dispersed-material fraction is
swept), so 0.1C stays 0.1C of each design.

Output columns
--------------
The inputs (as given), ``"Cathode porosity"`` when derived from the pressure, ``"Cathode loading [kg.m-2]"`` when
derived from the thickness, then the names of :mod:`pybamm_aea.readout`: ``"Electrode specific capacity
[mA.h.g-1]"`` (mAh per g of the whole electrode, last discharge of the experiment), ``"First discharge electrode
specific capacity [mA.h.g-1]"``, ``"Discharge capacity [mA.h]"``, ``"Mean discharge voltage vs Li [V]"``, ``"Electrode
gravimetric energy [W.h.kg-1]"`` and ``"Electrode volumetric energy [W.h.L-1]"`` (last discharge; the voltage and
energy the cathode's against Li, as the paper's: on the Li-In anode the cell's plus the anode's OCP; per mass and
volume of the cathode electrode from the model's ``"Cathode electrode mass [g]"`` and ``"Cathode electrode volume
[L]"``), ``"Discharged-basis energy [W.h.kg-1]"`` / ``"[W.h.L-1]"`` (the same energy per mass and volume of the
lithiated electrode, :meth:`pybamm_aea.energy.Electrode.lithiated`, when the set's composition is known), with
``cell=`` ``"Cell gravimetric energy [W.h.kg-1]"`` / ``"Cell volumetric energy [W.h.L-1]"`` (:func:`sweep`'s ``cell``),
``"Rate capability"`` (capacity at the point's C-rate over the capacity at the reference rate, same design; only
when C-rate is swept; NaN for a design whose reference point is neither in the grid nor asked for),
``"Capacity retention [%]"`` (:func:`pybamm_aea.readout.capacity_retention`: last discharge over the second one, the
paper's "compared with the 2nd cycle"; NaN with fewer than 3 discharges),
``"Number of discharges"``, ``"Solve time [s]"`` (the integration of this point), ``"Setup time [s]"`` (building and
warming up the worker's simulation, charged to the first point a worker runs for a configuration; 0 for the
others. Point by point, that warm-up is the first point's own solve, not repeated: its set-up, PyBaMM's timer of
it, is the setup time, the rest the point's solve time), ``"error"`` (None, or the message: failed points keep their
inputs and are never dropped) and ``"warnings"`` (the point's own, on every path: e.g. the compaction law extrapolated,
a model event that stopped a step, a discharge that delivered less than :data:`.metrics.NEGLIGIBLE_DELIVERY` of the
point's window; each warning by its class name and short form, :func:`.metrics.short_warning`, its full text once
in ``table.attrs["warnings"]`` with the rows it is in). With ``mesh_check=True`` also
``"Fine-mesh electrode specific capacity [mA.h.g-1]"``, ``"Fine-mesh first discharge electrode specific capacity
[mA.h.g-1]"``, ``"Fine-mesh mean discharge voltage vs Li [V]"``
(every point solved again on twice the cathode's cells) and ``"Mesh converged"``. ``table.attrs["notes"]`` lists the
facts of the whole sweep (a list of str, each also warned once as a :class:`SweepNote`).

Mesh
----
Points run on the model's mesh (20 cells across the cathode on the multi-phase host, 10 on the lever rule), or on
``cathode_cells``. Near a nucleation threshold the multi-phase host's outcome can be the mesh's (README, known
limits): ``mesh_check=True`` runs the grid a second time on a finer mesh, refined as :func:`pybamm_aea.mesh_check`
refines a run the mesh may decide (8x the cells, 160 at least, for Mo6S8's multi-phase host, where 20 and 40 cells can
agree and both be wrong; twice for other hosts), and compares row by row with its criteria.

Parallelism
-----------
``workers=1``: serial, in this process. Otherwise a local ``concurrent.futures.ProcessPoolExecutor`` with
``workers`` processes (default: all cores), fed with batches that shrink towards the end (so the workers run out
of work together: :func:`pybamm_aea.sweep.grid.batches`); with the ``fork`` start method (default on
Linux) the simulation is built once in this process before the workers start, and they inherit it (point by
point, on the first point's own solve: that point's row is made here, the workers run the others). The workers
die with the sweep's process, also on ``kill -9``. ``client=`` a ``dask.distributed.Client``: the same batches
go through ``client.map`` (a batch on a worker that died is rescheduled by Dask). A worker process keeps its
simulations in a bounded cache (:data:`pybamm_aea.sweep.worker.CACHE_SIZE` configurations, least recently used
dropped). Parameter values and experiments travel to the workers pickled: a ``compaction`` callable must be a
module-level function for parallel runs.

Results store and resume
------------------------
``results_file`` is an SQLite database (``.sqlite``, ``.sqlite3``, ``.db``; :mod:`pybamm_aea.sweep.store`): one
row per point keyed by its inputs by name (the order of the grid's axes is irrelevant), committed batch by batch
in transactions, with the sweep's configuration stored and checked on resume (a store of another configuration,
e.g. a grid with an axis fewer, is refused with the differences). Called again with the same file, finished
points are read back, not run; failed points keep their error and run again only with ``retry_failed=True``.
Several sweeps may share a store: each claims its points in a transaction, so none is computed twice. ``export=``
writes the final table as CSV, JSON or Parquet. Every output path is checked before any solve; an existing export,
is not overwritten without ``force=True``; a file at ``results_file`` that is not a results store, or holds another
configuration, is not replaced without ``replace_results=True``.
"""
import sys
import types

from .api import SweepConfigError, SweepNote, sweep

__all__ = [
    "sweep",
    "expand_grid",
    "discharge_steps",
    "capacity_retention",
    "DERIVED_INPUTS",
    "OPTION_INPUTS",
    "COMPACTION_SETS",
    "SET_COMPOSITIONS",
    "RESULT_COLUMNS",
    "SweepConfigError",
    "SweepNote",
]

_LAZY = {
    "expand_grid": "grid",
    "discharge_steps": "metrics",
    "capacity_retention": "metrics",
    "RESULT_COLUMNS": "metrics",
    "DERIVED_INPUTS": "config",
    "OPTION_INPUTS": "config",
    "COMPACTION_SETS": "config",
    "SET_COMPOSITIONS": "config",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _CallableModule(types.ModuleType):
    """This package's module class: calling the module calls :func:`sweep`, so ``pybamm_aea.sweep(grid, ...)`` and
    ``import pybamm_aea.sweep.config`` share one name, the package (a function of that name shadowed the submodules)."""

    def __call__(self, *args, **kwargs):
        return sweep(*args, **kwargs)

    @property
    def __signature__(self):  # (inspect.signature, help in IPython and Jupyter: the function's)
        import inspect

        return inspect.signature(sweep)


sys.modules[__name__].__class__ = _CallableModule
