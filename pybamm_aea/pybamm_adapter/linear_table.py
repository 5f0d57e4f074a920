"""A linear interpolation table as one expression node of its argument (a ``pybamm.Interpolant`` that PyBaMM can
differentiate and copy).

A table written as a sum of clipped ramps (:func:`pybamm_aea.parameters.paper_cell.piecewise_linear`) holds its
argument once per segment: on the multi-phase host a 49-point OCP table of the Li content took 3079 nodes, and the
mobility (two such tables) appeared 26 times in the electronic ohmic drop of AEA_LiCoO2 (113,430 nodes; PyBaMM
walks the tree unshared when it builds the model). Here the argument appears once. PyBaMM's linear
``Interpolant`` cannot be differentiated (its ``_function_diff`` calls ``interp1d.derivative``, which does not
exist: AttributeError, PyBaMM 26.10) and its ``create_copy`` makes a plain ``Interpolant``; :class:`LinearTable`
gives both: its derivative is :class:`SlopeTable`, the segments' slopes (one node too), its copies are LinearTables.
"""
import numbers

import numpy as np
import pybamm


class LinearTable(pybamm.Interpolant):
    """y(x) linearly interpolated in (``x``, ``y``) at the expression ``children`` (one node); PyBaMM's Interpolant
    signature, so that its JSON hook rebuilds one."""

    def __init__(self, x, y, children, name="linear table", interpolator="linear", extrapolate=True,
                 entries_string=None, _num_derivatives=0):
        if interpolator != "linear" or _num_derivatives:
            raise ValueError(f"a {type(self).__name__} is linear and underived, got interpolator {interpolator!r}, "
                             f"{_num_derivatives} derivatives")
        super().__init__(x, y, children, name=name, interpolator="linear", extrapolate=extrapolate,
                         entries_string=entries_string)

    def create_copy(self, new_children=None, perform_simplifications=True):
        """See :meth:`pybamm.Symbol.new_copy`: the same class (PyBaMM's makes a plain Interpolant)."""
        return type(self)(self.x, self.y, self._children_for_copying(new_children), name=self.name,
                          extrapolate=self.extrapolate, entries_string=self.entries_string)

    def _function_evaluate(self, evaluated_children):
        """A column of values; a number at a number (an input parameter), as the ramps gave."""
        out = self._column(evaluated_children[0])
        return float(out[0, 0]) if np.ndim(evaluated_children[0]) == 0 else out

    def _column(self, x):
        return super()._function_evaluate([x])

    def _function_diff(self, children, idx):
        """dy/dx: :class:`SlopeTable` of the same data at the same argument."""
        return SlopeTable(self.x, self.y, children, name=self.name + " slope")


class SlopeTable(LinearTable):
    """The slope dy/dx of :class:`LinearTable` (``x``, ``y``) at ``children``: the slope of the segment it lies in
    (the right segment at a knot, the end segments beyond the ends). Its derivative is 0."""

    @property
    def slopes(self):
        return np.diff(self.y.ravel()) / np.diff(self.x[0])

    def _column(self, x):
        x = np.asarray(x, dtype=float).flatten()
        segment = np.clip(np.searchsorted(self.x[0], x, side="right") - 1, 0, self.slopes.size - 1)
        return self.slopes[segment][:, np.newaxis]

    def _function_diff(self, children, idx):
        return pybamm.Scalar(0)

    def _to_casadi(self, t, y, y_dot, inputs, casadi_symbols):
        (x,) = self._children_to_casadi(t, y, y_dot, inputs, casadi_symbols)
        knots, slopes = self.x[0], self.slopes
        # the segment's slope as a sum of steps at the interior knots (x >= knot: the right segment at a knot)
        out = float(slopes[0]) + 0 * x
        for k in range(1, slopes.size):
            out = out + float(slopes[k] - slopes[k - 1]) * (x >= float(knots[k]))
        return out


def linear_table(x, x_data, y_data, name="linear table"):
    """y(x) interpolated linearly in (x_data, y_data) and held at the end values beyond them, with ``x`` once in
    the expression (:class:`LinearTable` of x clipped to the table); a number for a constant ``x``."""
    x_data, y_data = np.asarray(x_data, dtype=float), np.asarray(y_data, dtype=float)
    # (the words of paper_cell.piecewise_linear, the tables' form before)
    if x_data.ndim != 1 or x_data.shape != y_data.shape or x_data.size < 2:
        raise ValueError(f"x_data and y_data must be 1-D of equal length >= 2, got {x_data.shape}, {y_data.shape}")
    if np.any(np.diff(x_data) <= 0):
        raise ValueError(f"x_data must be strictly increasing, got {x_data.tolist()}")
    if isinstance(x, (pybamm.Scalar, numbers.Real)):
        return pybamm.Scalar(float(np.interp(x.value if isinstance(x, pybamm.Scalar) else x, x_data, y_data)))
    clipped = pybamm.minimum(pybamm.maximum(x, float(x_data[0])), float(x_data[-1]))
    return LinearTable([x_data], y_data, [clipped], name=name)
