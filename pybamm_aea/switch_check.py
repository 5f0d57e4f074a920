"""The ionic switch and the solver's time step: a charge of the multi-phase host whose Li0 layer formed inside the
electrode, not at the separator.

On charge the multi-phase host (Mo6S8) climbs the Li0/Li1 spinodal loop homogeneously; resolved, its separator cell
decomposes first at the loop's peak and the Li0 layer it grows there blocks (the ionic switch). IDA's BDF steps at the
multi-phase default rtol 1e-4 can pass the onset of that decomposition, and the charge, and the reversible capacity
after it, is then the solver's, on any mesh (docs/known_limits.rst, "Multi-phase host: the ionic switch and the
solver's time step"). :func:`interior_li0_charge_warning` judges a solved run's charges;
:class:`SolverSteppedSwitchWarning` is the warning a solve gives for one. Its names were in
:mod:`pybamm_aea.convergence` (the mesh check, which reads them) until session 48 and are still importable from there.
"""
from .convergence import MeshDependentNucleationWarning, _value

__all__ = ["interior_li0_charge_warning", "SOLVER_RTOL_FOR_THE_SWITCH", "SolverSteppedSwitchWarning"]


class SolverSteppedSwitchWarning(MeshDependentNucleationWarning):
    """A charge of the multi-phase host whose Li0 layer formed inside the electrode, not at the separator
    (:func:`interior_li0_charge_warning`): the solver's time step, not the mesh, decided it, on any mesh, so a finer
    mesh does not answer it (:func:`~pybamm_aea.convergence.mesh_check` lets the fine run's through, records both
    meshes' in ``attrs["solver switch"]`` and its :func:`~pybamm_aea.convergence.verdict` says to solve at
    :data:`SOLVER_RTOL_FOR_THE_SWITCH`). A subclass of :class:`~pybamm_aea.convergence.MeshDependentNucleationWarning`,
    so a filter on that one takes it too."""


#: the rtol a charge :func:`interior_li0_charge_warning` flags is solved again at, by
#: ``model.default_solver_with(rtol=...)``: measured 2026-12-05 (session 47, docs/known_limits.rst "Multi-phase host:
#: the ionic switch and the solver's time step"), every flagged run of LMS 0.375-1.125 mg/cm2 at 0.02-0.07C at 70 C
#: then forms its Li0 layer at the separator and returns what 20 and 160 cells return at 1e-6 (0.75 mg/cm2 at 0.05C:
#: 101.42 / 101.36 mA.h/g against 115.82 / 118.19 at the default 1e-4), where 1e-5 still missed one (0.375 mg/cm2 at
#: 0.02C, 20 cells: 110.55 against 108.99)
SOLVER_RTOL_FOR_THE_SWITCH = 1e-6


def interior_li0_charge_warning(model, values, steps, inputs=None):
    """The text of a :class:`SolverSteppedSwitchWarning` for the first of the step solutions ``steps`` that is a
    charge of the multi-phase host (with a Li0 phase: "Li0 phase binodal Li content" >= 0) in which the Li0 layer
    formed inside the electrode and not at the separator, or None. Such a charge climbs the Li0/Li1 spinodal loop
    homogeneously; resolved, its separator cell, the poorest in Li, decomposes first and the Li0 layer it grows there
    blocks (the ionic switch: LMS stops near x = 0.84). IDA's BDF steps at the default rtol (1e-4; up to 440 s at
    0.05C on the thin cells) can pass that onset: an implicit step much longer than the instability's growth time
    damps it and flips its sign, so the electrode goes on past the loop's peak homogeneous and then decomposes where
    the flipped profile put the least Li, in the bulk; the separator cell stays Li1, Li keeps leaving through it and
    the charge runs on (0.75 mg/cm2 at 70 C and 0.05C: 115.82 / 118.19 mA.h/g on 20 / 160 cells to x = 0.39 / 0.32,
    against 101.42 / 101.36 to x = 0.84 at rtol 1e-6). Judged on the solved states
    (:func:`_content_history`: a charge is read by its time and current, its host's free Li content evaluated on its
    states, no processed variable built): the first time a cell's free Li content falls below the middle of the
    Li0/Li1 gap (the set's binodals' mean: :func:`pybamm_aea.convergence._li0_limit` says where they and the host's
    free energy can part), that cell is not the separator's and the separator cell is still above it; a charge that
    starts with a cell below it (a Li0 layer already there) is not judged, nor a solve that kept no states.
    Measured 2026-12-05 (session 47; 72 runs, LMS 0.375-3 mg/cm2 at 70 C, 0.02-0.2C, 20 and 160 cells): it flags the
    10 runs whose charge the solver's step decided (0.375-1.125 mg/cm2, 0.02-0.07C; up to 17.5 % more charge than at
    rtol 1e-6) and none of the 62 others, in which the separator cell was the first
    (:data:`SOLVER_RTOL_FOR_THE_SWITCH`)."""
    import numpy as np

    if getattr(model, "options", {}).get("host thermodynamics") != "multi-phase" or not steps:
        return None
    try:
        x_li0, x_li1 = (_value(values, n, inputs) for n in ("Li0 phase binodal Li content",
                                                              "Li1 phase binodal Li content"))
    except KeyError:  # (absent: a host without the phases)
        return None
    if x_li0 is None or x_li1 is None or not 0 <= x_li0 < x_li1:  # (no Li0 phase: TiS2, the materials)
        return None
    layer = (x_li0 + x_li1) / 2
    for number, step in enumerate(steps, start=1):
        try:
            t, current = (step[n].entries for n in ("Time [s]", "Current [A]"))
        except KeyError:
            return None
        if not (t[-1] > t[0] and np.trapezoid(current, t) < 0):
            continue  # (a discharge or a rest)
        x = _content_history(step)
        if x is None or x.ndim != 2 or x.shape[0] < 2:
            continue
        low = x.min(axis=0) < layer
        if not low.any() or low[0]:
            continue  # (no Li0 layer formed, or one there from the step's start)
        first = int(np.argmax(low))
        cell, cells = int(np.argmin(x[:, first])), x.shape[0]
        if not x[-1, first] >= layer:
            continue  # (the separator cell decomposed: the ionic switch)
        try:  # (read only for the step warned about)
            end = f" at x = {float(step['Average cathode Li content'].entries[-1]):.3g} on average"
        except KeyError:
            end = ""
        return (f"step {number}, a charge, formed its Li0 layer inside the electrode, not at the separator: cell "
                f"{cell + 1} of {cells} (counted from the collector) fell below x = {layer:.3g} "
                f"{(t[first] - t[0]) / 3600:.3g} h in, with the separator cell still at {x[-1, first]:.3f}, so Li kept "
                f"leaving through it and the charge ended with the host{end}, past where the Li0 layer at the "
                "separator stops it (the ionic switch). IDA's time step passed the onset of the spinodal "
                "decomposition at the separator (an implicit step longer than its growth time damps it), so the "
                "charge, and the reversible capacity after it, is the solver's, on any mesh (0.75 mg/cm2 at 70 C and "
                "0.05C: 115.8 / 118.2 mA.h/g on 20 / 160 cells, 101.4 on both at rtol 1e-6); solve again with "
                f"model.default_solver_with(rtol={SOLVER_RTOL_FOR_THE_SWITCH:g}) (docs/known_limits.rst)")
    return None


def _content_history(step):
    """The cathode host's free Li content [Li per formula unit] of a step solution, one row per cell (collector to
    separator), one column per time: "Cathode free Li content", the content in the free window the host's free
    energy and phases read (the total content without "Li trapping"; with it, trapped Li excluded), evaluated on the
    solver's states (:func:`pybamm_aea.pybamm_adapter.model_internals.step_variable_history`), so that judging a
    charge builds no processed variable over the step; None without the states (a solve that kept none) or the
    variable."""
    from .pybamm_adapter.model_internals import step_variable_history

    return step_variable_history(step, "Cathode free Li content")
