"""Physical-range checks on parameter values, raised when PyBaMM substitutes the values.

:class:`PhysicalRange` wraps a parameter symbol. When ``pybamm.ParameterValues.process_model``
replaces the parameter by a number, the wrapper checks the number and either raises a
``ValueError`` naming the parameter, its value and the allowed range, or disappears (it leaves
the processed model untouched). Values given as input parameters are checked by the caller
(e.g. :func:`pybamm_aea.sweep`), since they are only known at solve time.
"""
import numbers

import pybamm


class PhysicalRange(pybamm.UnaryOperator):
    """A parameter that must lie in [low, high] (or open at either end)."""

    def __init__(self, child, low=None, high=None, low_open=False, high_open=False):
        self.low, self.high = low, high
        self.low_open, self.high_open = low_open, high_open
        super().__init__("physical range", child)

    def _describe(self):
        lo = "-inf" if self.low is None else f"{self.low:g}"
        hi = "inf" if self.high is None else f"{self.high:g}"
        return f"{'(' if self.low_open or self.low is None else '['}{lo}, {hi}{')' if self.high_open or self.high is None else ']'}"

    def _check(self, value):
        if not isinstance(value, numbers.Real):
            value = float(value)
        bad = value != value  # NaN
        if self.low is not None:
            bad |= value <= self.low if self.low_open else value < self.low
        if self.high is not None:
            bad |= value >= self.high if self.high_open else value > self.high
        if bad:
            raise ValueError(f"'{self.name_of_parameter}' = {value!r} is outside its physical range {self._describe()}")

    @property
    def name_of_parameter(self):
        for s in self.child.pre_order():
            if isinstance(s, pybamm.Parameter):
                return s.name
        return self.child.name

    def create_copy(self, new_children=None, perform_simplifications=True):
        child = self.child if new_children is None else new_children[0]
        unprocessed = any(isinstance(s, pybamm.Parameter) for s in child.pre_order())
        if unprocessed:
            new = PhysicalRange(child, self.low, self.high, self.low_open, self.high_open)
            return new
        if child.is_constant():
            value = child.evaluate()
            self._check(float(value.item() if hasattr(value, "item") else value))
        return child

    def _unary_evaluate(self, child):
        return child

    def _unary_jac(self, child_jac):
        return child_jac

    def _sympy_operator(self, child):
        return child


def in_range(symbol, low=None, high=None, low_open=False, high_open=False):
    """Wrap ``symbol`` (a parameter) in a :class:`PhysicalRange` check."""
    return PhysicalRange(symbol, low, high, low_open, high_open)
