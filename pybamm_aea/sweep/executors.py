"""Where batches run: in this process, in a local process pool, or on a Dask cluster.

Each executor calls ``collect(batch, rows)`` as batches finish. Local workers die with their parent: on Linux each
sets ``PR_SET_PDEATHSIG`` (SIGKILL) when it starts, and every worker also watches its parent's pid from a daemon
thread (other systems), so a ``kill -9`` of the sweep leaves no worker behind. On Dask a batch whose worker died is
rescheduled by the scheduler (Dask's ``allowed-failures``), and a batch that raised is retried once (``retries=1``);
a batch that still fails gets an error row per point.
"""
from __future__ import annotations

import os
import sys
import threading
import time
import warnings

from .worker import run_batch


def run_serial(config, batches, collect, batched=True):
    for batch in batches:
        collect(batch, run_batch(config, batch, batched))


def _alive(pid):
    """Whether process ``pid`` exists (signal 0 checks without sending)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by another user
        return True
    return True


def _die_with_parent(parent_pid):
    """Pool initializer: end this worker when the sweep's process ends, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    # the worker's parent is the sweep's process (fork, spawn) or the forkserver it started (forkserver)
    parent = os.getppid()
    if parent != parent_pid and not _alive(parent_pid):  # the sweep ended before prctl took effect
        os._exit(1)

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent or not _alive(parent_pid):
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="sweep-parent-watch").start()


def run_local(config, batches, n_workers, mp_context, collect, failed_rows, batched=True):
    """A ``ProcessPoolExecutor`` of ``n_workers`` processes fed with batches.

    With the ``fork`` start method (default on Linux) the simulation is built here once before the workers start,
    and they inherit it ready to solve; that build is the "Setup time [s]" of the first batch's first point. On the
    per-point path its warm-up solve is that point's own (:func:`.worker.simulation`): the point is evaluated here
    (:func:`.worker.evaluate_point`, its row collected before the workers start) and the workers get the rest.
    """
    import concurrent.futures as cf
    import multiprocessing as mp

    from .config import derive_inputs
    from .worker import options_of, evaluate_point, simulation

    if mp_context is None:
        mp_context = "fork" if sys.platform.startswith("linux") else "spawn"
    setup = 0.0
    first_batch = batches[0]
    if mp_context == "fork":
        first = first_batch[0]
        if batched and config.single_discharge is not None:
            try:
                inputs = derive_inputs(config, first)[0]
                kind, value, _, _ = config.single_discharge
                inputs["Current function [A]"] = value * inputs["Nominal cell capacity [A.h]"] \
                    if kind == "C-rate" else value
                with warnings.catch_warnings():  # the first point's own: its row has them, from its batch's solve
                    warnings.simplefilter("ignore")
                    setup = simulation(config, options_of(config, first), inputs, batched=True)[1]
            except Exception:  # a bad first point: the workers build their own
                pass
        else:  # the first point's solve builds and warms up the simulation: its row is made here, not again
            collect([first], [evaluate_point(config, first)])
            batches = [b for b in [first_batch[1:], *batches[1:]] if b]
    ctx = mp.get_context(mp_context)
    with cf.ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx, initializer=_die_with_parent,
                                initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(run_batch, config, b, batched): b for b in batches}
        try:
            for fut in cf.as_completed(futures):
                try:
                    rows = fut.result()
                except Exception as exc:  # a worker died: report its points, do not drop them
                    rows = failed_rows(futures[fut], exc)
                if setup and futures[fut] is first_batch and rows:  # the build the workers inherited
                    rows[0]["Setup time [s]"] = rows[0].get("Setup time [s]", 0.0) + setup
                collect(futures[fut], rows)
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise


def run_dask(client, config, batches, collect, failed_rows, batched=True):
    """The batches as Dask tasks (``client.map``), collected as they finish."""
    from distributed import as_completed

    futures = client.map(run_batch, [config] * len(batches), batches, [batched] * len(batches), pure=False,
                         retries=1)
    index = {f.key: b for f, b in zip(futures, batches)}
    for fut in as_completed(futures):
        try:
            rows = fut.result()
        except Exception as exc:
            rows = failed_rows(index[fut.key], exc)
        collect(index[fut.key], rows)
