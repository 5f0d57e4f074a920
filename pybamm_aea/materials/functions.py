"""Picklable parameter functions built from a material's data (PyBaMM symbols in, SI out).

Each class is a module-level callable whose attributes are plain numbers and tuples, so a
``pybamm.ParameterValues`` made from an :class:`~pybamm_aea.materials.AEAMaterial` pickles (for
multiprocessing and dask) like PyBaMM's own sets of module-level functions.
"""
import importlib
import math

import pybamm

from ..constants import F, R, arrhenius
from ..parameters.paper_cell import cathode_exchange_current_density_law
from ..pybamm_adapter.linear_table import linear_table

LN10 = math.log(10.0)


class NamedFunction:
    """Base of the callables: an instance answers ``__qualname__`` like a function (docs tools)."""

    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        obj.__qualname__ = obj.__name__ = cls.__qualname__
        return obj


def import_function(path):
    """The object named by ``"package.module:qualname"`` (ValueError naming the path if absent)."""
    if not isinstance(path, str) or ":" not in path:
        raise ValueError(f"function reference must be 'module:name', got {path!r}")
    module, _, name = path.partition(":")
    try:
        obj = importlib.import_module(module)
        for part in name.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"cannot import function {path!r}: {exc}") from exc
    return obj


class ArrheniusTable(NamedFunction):
    """y(x, T) = 10^(interp of log10 y over theta = x / x_max) * Arrhenius [SI units].

    ``theta`` and ``log10_values`` are equal-length tuples (one point: a constant); constant
    beyond the ends. ``activation_energy`` J/mol (0: no temperature dependence, no exponential in the
    expression: :func:`~pybamm_aea.constants.arrhenius` is exactly 1), ``reference_temperature`` K.
    """

    def __init__(self, theta, log10_values, x_max, activation_energy, reference_temperature):
        self.theta = tuple(float(t) for t in theta)
        self.log10_values = tuple(float(v) for v in log10_values)
        self.x_max = float(x_max)
        self.activation_energy = float(activation_energy)
        self.reference_temperature = float(reference_temperature)

    def log10_at(self, x):
        if len(self.theta) == 1:
            return pybamm.Scalar(self.log10_values[0])
        return linear_table(x / self.x_max, self.theta, self.log10_values)

    def __call__(self, x, T):
        return pybamm.exp(LN10 * self.log10_at(x)) * arrhenius(T, self.activation_energy, self.reference_temperature)


class CompactConductivity(NamedFunction):
    """sigma_e(eps, T) of the compact [S.m-1] at the reference Li content: dense value x (1 - eps)^b."""

    def __init__(self, dense, bruggeman, x_ref):
        self.dense = dense
        self.bruggeman = float(bruggeman)
        self.x_ref = float(x_ref)

    def __call__(self, eps, T):
        return self.dense(pybamm.Scalar(self.x_ref), T) * (1 - eps) ** self.bruggeman


class ConductivityRatio(NamedFunction):
    """sigma(x, T) / sigma(x_ref, T): the Li-content factor on the compact's conductivity."""

    def __init__(self, dense, x_ref):
        self.dense = dense
        self.x_ref = float(x_ref)

    def __call__(self, x, T):
        return self.dense(x, T) / self.dense(pybamm.Scalar(self.x_ref), T)


class IonicConductivity(NamedFunction):
    """sigma_ion(x, T, D, c_Li) [S.m-1] given by the material itself (D and c_Li unused)."""

    def __init__(self, dense):
        self.dense = dense

    def __call__(self, x, T, D, c_li):
        return self.dense(x, T)


class FunctionOfContentAndTemperature(NamedFunction):
    """A ``module:name`` function f(x, T) (SI) held by reference, so it pickles by name."""

    def __init__(self, path):
        self.path = path
        import_function(path)  # fail now, naming the path, rather than at solve time

    def __call__(self, x, T):
        return import_function(self.path)(x, T)


class CompactFunction(NamedFunction):
    """A ``module:name`` function of (porosity, T) giving the compact's conductivity [S.m-1]."""

    def __init__(self, path):
        self.path = path
        import_function(path)

    def __call__(self, eps, T):
        return import_function(self.path)(eps, T)


class ExchangeCurrentDensity(NamedFunction):
    """j0(x_s, T) [A.m-2] of a material: the paper's sets' law,
    :func:`pybamm_aea.parameters.paper_cell.cathode_exchange_current_density_law` (j0_ref sqrt(theta (1 - theta)
    + 1e-4) / 0.5, Arrhenius with :data:`~pybamm_aea.parameters.paper_cell.E_A_CATHODE_EXCHANGE` about ``T_REF``,
    70 C), as a picklable object.

    ``past_x_max``: the host holds Li beyond x_max (a multi-phase host with an electron-limited end,
    ``thermodynamics.Host.U_full``, as the Mo6S8 record's: x = 4.0035 at 0.8 V), so theta (1 - theta) is clamped at
    0 there as in the paper's sets. Not for a material's lattice gas (its OCP's end term has its pole at x_max, it
    holds no Li beyond): unclamped, j0 is NaN beyond theta = 1.0001, no vacancies. The solve never gets there: the
    set flags the lattice gas full at x_max (``"Cathode host full at maximum Li content"`` 1), and the model's
    content events end it at theta = 1 (:mod:`pybamm_aea.models.submodels.host_phase_field`); see the law.
    """

    def __init__(self, x_max, j0_ref, past_x_max=False):
        self.x_max = float(x_max)
        self.j0_ref = float(j0_ref)
        self.past_x_max = bool(past_x_max)

    def __call__(self, x_s, T):
        return cathode_exchange_current_density_law(x_s, T, self.x_max, self.j0_ref, self.past_x_max)


class PlateauOCP(NamedFunction):
    """Two-phase plateau at ``potential`` [V]: U = U0 + w ln((1-theta)/theta) + k_end (1/theta - 1/(1-theta)).

    ``width`` w [V] sets how sharply the plateau ends (a two-phase material: a few mV); the end
    term (``k_end`` [V]) makes the voltage leave any cut-off window before the host is exactly
    empty or full, as in the paper's Mo6S8 and TiS2 sets.
    """

    def __init__(self, potential, width, x_max, k_end=1e-4):
        self.potential = float(potential)
        self.width = float(width)
        self.x_max = float(x_max)
        self.k_end = float(k_end)

    def __call__(self, x, T):
        th = x / self.x_max
        return (
            self.potential
            + self.width * pybamm.log((1 - th) / th)
            + _end_term(th, self.k_end)
        )


def _end_term(theta, k_end):
    """k_end (1/theta - 1/(1-theta)) [V]: drives the OCP out of any cut-off window before the host is exactly
    empty (theta = 0) or full (theta = 1)."""
    return k_end * (1 / theta - 1 / (1 - theta))


def critical_temperature(slope):
    """Critical temperature T_c [K] of :class:`RegularSolutionOCP` with ``slope`` s [V]: T_c = -s F / (4 R), 0 for
    s >= 0.

    dU/dtheta = -s - (RT/F) / (theta (1 - theta)) is largest at theta = 1/2, -s - 4RT/F: the OCP falls with Li
    content everywhere only if s > -4RT/F, i.e. T > T_c. Below T_c (s < 0: Li-Li attraction) it rises around
    theta = 1/2, a single phase is unstable there (spinodal) and the material separates into two phases.
    (The numerical end term, -8 k_end at theta = 1/2, is left out: the bound is the thermodynamic one.)"""
    return max(0.0, -float(slope) * F / (4 * R))


class RegularSolutionOCP(NamedFunction):
    """Lattice gas with a mean-field interaction: U = U0 - s (theta - 1/2) + (RT/F) ln((1-theta)/theta) + end term.

    The form once attributed to Thompson's fit of LixTiS2 (Phys. Rev. Lett. 40, 1511, 1978; not checked there, an
    assumption: :func:`pybamm_aea.parameters.Li2021_TiS2.tis2_ocp`); ``slope`` s [V]. A single phase only
    above :func:`critical_temperature` (s < 0): the temperature it is called with is checked against it
    (:func:`pybamm_aea.models.checks.checked_above`: at once when a number, at parameterisation, or at solve
    time when the ambient temperature is an input), a ValueError naming the temperature, slope and T_c.
    """

    def __init__(self, potential, slope, x_max, k_end=1e-4):
        self.potential = float(potential)
        self.slope = float(slope)
        self.x_max = float(x_max)
        self.k_end = float(k_end)

    def __call__(self, x, T):
        T_c = critical_temperature(self.slope)
        if T_c > 0:
            from ..models.checks import checked_above

            T = checked_above(T, "Ambient temperature [K]", T_c, (
                f"the regular-solution OCP at {self.potential:g} V with slope {self.slope:g} V is a single phase "
                f"only above its critical temperature T_c = -slope F/(4R) = {T_c:.1f} K; below it the OCP rises "
                "with Li content around theta = 1/2 (spinodal) and the material separates into two phases: "
                "describe it with an OCP of kind 'plateau' or 'table'"))
        th = x / self.x_max
        return (
            self.potential
            - self.slope * (th - 0.5)
            + R * T / F * pybamm.log((1 - th) / th)
            + _end_term(th, self.k_end)
        )


class TableOCP(NamedFunction):
    """U(theta) [V] interpolated linearly in a table (theta once in the expression:
    :func:`~pybamm_aea.pybamm_adapter.linear_table.linear_table`), plus the
    steep end term of :class:`PlateauOCP`."""

    def __init__(self, theta, values, x_max, k_end=1e-4):
        self.theta = tuple(float(t) for t in theta)
        self.values = tuple(float(v) for v in values)
        self.x_max = float(x_max)
        self.k_end = float(k_end)

    def __call__(self, x, T):
        th = x / self.x_max
        return linear_table(th, self.theta, self.values) + _end_term(th, self.k_end)


class SinglePhaseLogMobility(NamedFunction):
    """ln B(x, T) [B in m2.V-1.s-1] of a single-phase host for the multi-phase transport.

    B = D / ``|dU_h/dx|`` makes the Cahn-Hilliard flux c B grad(U_h) the Fickian flux D grad(c) of the
    set's own ``"Cathode Li diffusivity [m2.s-1]"`` and ``"Cathode homogeneous OCP [V]"``,
    referenced by name (PyBaMM processes the returned parameters), so that a user's update of
    either reaches the multi-phase host as it reaches the lever-rule one. dU_h/dx by a central
    difference of 1e-6 x_max (the OCP functions are closed forms of x, not tables of points).
    """

    def __init__(self, x_max):
        self.h = 1e-6 * float(x_max)

    def __call__(self, x, T):
        def U(content):
            return pybamm.FunctionParameter(
                "Cathode homogeneous OCP [V]", {"Cathode Li content": content, "Temperature [K]": T}
            )

        D = pybamm.FunctionParameter("Cathode Li diffusivity [m2.s-1]", {"Cathode Li content": x, "Temperature [K]": T})
        slope = (U(x - self.h) - U(x + self.h)) / (2 * self.h)
        return pybamm.log(D) - pybamm.log(pybamm.maximum(slope, 1e-12))


class HostFunction(NamedFunction):
    """``thermodynamics.homogeneous_ocp`` or ``log_mobility`` of a :class:`~pybamm_aea.thermodynamics.Host`
    held by reference (``"module:NAME"``), so it pickles by name."""

    def __init__(self, function, host_path):
        if function not in ("homogeneous_ocp", "log_mobility"):
            raise ValueError(f"HostFunction: function must be 'homogeneous_ocp' or 'log_mobility', got {function!r}")
        self.function, self.host_path = function, host_path
        import_function(host_path)

    def __call__(self, x, T):
        from .. import thermodynamics

        return getattr(thermodynamics, self.function)(import_function(self.host_path), x, T)

    @property
    def x_max(self):
        """The Li content the host's free energy ends at (:func:`pybamm_aea.models.checks.check_maximum_content`)."""
        return import_function(self.host_path).x_max


class MissingFreeEnergy(NamedFunction):
    """Stands for the multi-phase host's functions of a material that gives two OCP branches
    (hysteresis) and no free energy: calling it raises, naming the material and the way out."""

    def __init__(self, material_name):
        self.material_name = material_name

    def __call__(self, x, T):
        from .material import MaterialError

        raise MaterialError(
            f"material {self.material_name!r} gives two OCP branches and no free energy (its 'host' field), so "
            "the multi-phase host cannot be built from it: give its free energy, or use the option "
            "{'host thermodynamics': 'lever rule'}"
        )
