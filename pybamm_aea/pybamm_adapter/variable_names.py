"""A name a model does not publish, answered in the model's words wherever PyBaMM looks it up: a small hook of PyBaMM.

Why: PyBaMM answers a variable name a model lacks with its ``FuzzyDict``'s KeyError ("'Total heating [W]' not found.
Best matches are [...]", 'Terminal power [W]' among them). The AEA model has a better answer for PyBaMM's heat names
(it is isothermal; its heat is "Irreversible heat [W]"), and the name is looked up in two places: ``solution[name]``
(``BaseModel.get_processed_variable_or_event``, whose last resort is ``model.variables_and_events[name]``, a copy of
the model's variables) and ``model.variables[name]`` (``sim.built_model.variables[...]`` gave PyBaMM's own until
session 64, when only ``solution[...]`` answered).

What: :class:`AnsweredVariables`, PyBaMM's ``FuzzyDict`` whose KeyError for a name its ``answer(name)`` has a text
for is that text (any other name: PyBaMM's own), and whose ``copy()`` keeps its class and answer (PyBaMM copies the
dict in ``BaseModel.new_copy``, which the parameterised and the discretised models are made with, and in
``variables_and_events``); :func:`answered_variables`, the ``variables`` property a model class sets to have its
dicts answer: PyBaMM's ``BaseModel.variables`` property, its dict (the private ``_variables``: ``BaseModel.__init__``'s
empty one, the one its setter makes, a discretisation's) made an :class:`AnsweredVariables` where it is read.
:func:`check` (at the class's definition) finds PyBaMM's ``variables`` a property with a setter, ``FuzzyDict`` a dict
with its own ``__getitem__`` and ``copy``, and ``self.variables.copy()`` in ``new_copy`` and ``variables_and_events``.

What upstream would replace this module: a model-level hook for the message of an unknown variable name.
"""
import pybamm

from .initial_states import patch_mismatch, source_of

#: the private attribute of ``pybamm.BaseModel`` holding its variables' dict (the ``variables`` property's)
VARIABLES = "_variables"


class AnsweredVariables(pybamm.FuzzyDict):
    """PyBaMM's ``FuzzyDict`` of a model's variables whose KeyError for a name ``answer(name)`` has a text for (not
    None) is that text; the dict's ``answer`` is a module-level function (the dict pickles with it)."""

    def __init__(self, variables=(), answer=None):
        super().__init__(variables)
        self.answer = answer

    def __getitem__(self, key):
        try:
            return dict.__getitem__(self, key)
        except KeyError:
            said = self.answer(key) if self.answer is not None else None
            if said is None:
                return super().__getitem__(key)  # (PyBaMM's own: its renamings, then "Best matches")
        raise KeyError(said)

    def copy(self):
        """A shallow copy of the same class and answer (PyBaMM's ``FuzzyDict.copy`` makes a plain one)."""
        return type(self)(self, self.answer)


def check(model_class=None, fuzzy_dict=None):
    """ImportError naming the PyBaMM version unless ``model_class``'s (``pybamm.BaseModel``'s) ``variables`` is a
    property with a setter, ``fuzzy_dict`` (``pybamm.FuzzyDict``) a dict with its own ``__getitem__`` and ``copy``,
    and ``new_copy`` and ``variables_and_events`` copy the dict with ``self.variables.copy()``."""
    model_class = model_class or pybamm.BaseModel
    fuzzy_dict = fuzzy_dict or getattr(pybamm, "FuzzyDict", None)
    missing = []
    variables = getattr(model_class, "variables", None)
    if not isinstance(variables, property) or variables.fset is None:
        missing.append("BaseModel.variables (a property with a setter)")
    if not (isinstance(fuzzy_dict, type) and issubclass(fuzzy_dict, dict)
            and all(name in vars(fuzzy_dict) for name in ("__getitem__", "copy"))):
        missing.append("FuzzyDict (a dict with its own __getitem__ and copy)")
    for name in ("new_copy", "variables_and_events"):
        method = getattr(model_class, name, None)
        method = method.fget if isinstance(method, property) else method
        try:
            source = source_of(method)
        except (OSError, TypeError):
            source = ""
        if "self.variables.copy()" not in source:
            missing.append(f"BaseModel.{name} copying self.variables")
    if missing:
        raise patch_mismatch("variable-name answer", __name__, missing)


def answered_variables(answer, applies=None, otherwise=None):
    """The ``variables`` property of a model class whose variables' dicts answer the names ``answer(name)`` has a
    text for (:class:`AnsweredVariables`): PyBaMM's ``BaseModel.variables``, its dict made one where it is read
    (checked first, :func:`check`); on a model for which ``applies(model)`` is false (given), ``otherwise``'s
    answer (None: PyBaMM's own)."""
    check()
    pybamm_variables = pybamm.BaseModel.variables

    def variables(model):
        found = pybamm_variables.fget(model)
        wanted = answer if applies is None or applies(model) else otherwise
        if type(found) is not AnsweredVariables or found.answer is not wanted:
            found = AnsweredVariables(found, wanted)
            setattr(model, VARIABLES, found)
        return found

    return property(variables, pybamm_variables.fset, doc=pybamm_variables.__doc__)
