"""The checks of an experiment, under the name they had until session 58, when this module (3249 lines) was split by
concept: each name here is its new module's object, so a user's ``from pybamm_aea.models.experiment_checks import
CheckedIDAKLUSolver`` (the README's advice) keeps working.

- :mod:`pybamm_aea.models.step_checks`: the experiment's steps before any step runs (step values, terminations,
  merged steps, drive cycles, custom steps, the C-rate basis and the cathode's capacity);
- :mod:`pybamm_aea.models.starting_state`: the state a solve starts from (carried states, lithium and stretch,
  ``initial_soc``);
- :mod:`pybamm_aea.models.start_advice`: what the solver meets at a step's start and its advice
  (:class:`~pybamm_aea.models.start_advice.CheckedIDAKLUSolver`, the first step's messages, the warnings and errors).
"""
from __future__ import annotations

# (a solve's save_at_cycles: written in user_input, which the command line imports without PyBaMM)
from ..user_input import check_save_at_cycles
from .start_advice import (CUSTOM_STEP_MODELS, DISPERSED_CAPACITY, DISPERSED_LITHIATION, FIRST_STEP_SHARE,
                           LOSSES_AHEAD_SHARE, POWER_STEP_MODELS, CheckedIDAKLUSolver,
                           ExperimentNotStartedAttributeError, ExperimentNotStartedError,
                           ExperimentStepFailedWarning, FirstStepLossesWarning, LaterStepSkippedWarning,
                           NonFiniteStatesError, StartOutsideWindowWarning, StepSkippedAttributeError,
                           StepSkippedError, TerminationMetAtStartWarning, carries_no_current,
                           first_step_losses_message, first_step_warning, first_step_window_message,
                           not_started_message, skipped_text, starts_outside_window, uncut_step_note)
from .starting_state import (CARRIED_LITHIUM, carried_state_misfit, carried_stretch_values, check_carried_lithium,
                             check_carried_states, check_starting_state, starting_state_mismatch)
from .step_checks import (CAPACITY_AS_MADE, CUSTOM_STEP_ATTRIBUTES, DRIVE_CYCLE_UNITS, EXPERIMENT_WINDOW_MARGIN,
                          LOADING_SLIP_FACTOR, NOMINAL_CAPACITY_FACTOR, RISING_CAPACITY_OPTIONS, STEP_VALUE_RANGES,
                          TERMINATION_QUANTITIES, TERMINATION_RANGES, FirstCycleCapacityTerminationWarning,
                          NominalCapacityMismatchWarning, RisingCapacityTerminationWarning, c_rate_basis_note,
                          c_rate_basis_scaled, capacity_as_made_at_start, cathode_capacity,
                          cathode_capacity_as_made, check_step_duration, check_step_values,
                          check_steps_not_merged, check_termination, circular_custom_steps,
                          constant_custom_currents, first_cycle_termination_message, nominal_capacity_mismatch,
                          rescaled_nominal_capacity, rising_capacity_termination_message, solve_capacity_as_made,
                          step_name, theoretical_cathode_capacity)

__all__ = ["CheckedIDAKLUSolver", "NonFiniteStatesError", "starts_outside_window", "StartOutsideWindowWarning",
           "LaterStepSkippedWarning", "TerminationMetAtStartWarning", "StepSkippedError", "StepSkippedAttributeError",
           "ExperimentStepFailedWarning", "STEP_VALUE_RANGES", "check_step_duration", "check_step_values",
           "CUSTOM_STEP_MODELS", "POWER_STEP_MODELS", "circular_custom_steps", "constant_custom_currents",
           "check_steps_not_merged", "check_termination", "TERMINATION_RANGES", "check_save_at_cycles",
           "check_starting_state", "carried_stretch_values", "check_carried_states", "starting_state_mismatch",
           "carried_state_misfit", "check_carried_lithium", "CARRIED_LITHIUM",
           "NOMINAL_CAPACITY_FACTOR", "NominalCapacityMismatchWarning", "nominal_capacity_mismatch",
           "c_rate_basis_scaled", "cathode_capacity", "theoretical_cathode_capacity", "rescaled_nominal_capacity",
           "cathode_capacity_as_made", "FIRST_STEP_SHARE", "LOSSES_AHEAD_SHARE", "first_step_window_message",
           "FirstStepLossesWarning",
           "first_step_losses_message", "first_step_warning", "carries_no_current"]
