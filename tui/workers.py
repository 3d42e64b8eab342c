"""Pages parsed in worker processes and handed back in order, with the writer kept in step.

The workers are forked with the parser's tables already in memory (jieba's dictionary and IDF
table); each task is a few pages. A worker that dies (out of memory on a huge page, a crash in a
native library) breaks the whole pool, and any task in flight may have been the one: the tasks
that were in flight run again one at a time in a new pool, a task that kills its worker alone is
split into its pages, and only a page that kills its worker by itself is reported not loaded.
After MAX_RESTARTS new pools the pages left are given up, with the reason.
"""
from __future__ import annotations

import concurrent.futures
import os
import signal
from collections import deque
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
CHUNK = 4  # pages a worker parses per task: fewer round trips between the processes
MAX_RESTARTS = 12  # new pools after workers died (three for each page that kills one), then the rest is given up
DIED = "the process parsing this page stopped (out of memory?); it was not loaded"


def count(n_files: int) -> int:
    """How many worker processes: none for a few pages (forking costs more than it saves)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cpus, 4) if n_files >= 8 and cpus > 1 else 0


def _start(parent: int) -> None:
    # The writer is the one that must never wait for a core: parsing fills what it leaves.
    try:
        os.nice(5)
    except OSError:
        pass
    # Ctrl-C reaches the whole process group: the loader stops the pool and reports; a worker
    # waiting for a task would print a KeyboardInterrupt traceback over that report.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Ask Linux to end this worker when the loader dies (kill -9, a crash): left running, workers
    went on parsing and held the loader's output pipe open (`cqdaily load … | tail` never ended)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own checks remain
        pass
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


Task = list  # of (path, the stored page's hash or None)


def _chunk(parse: Callable[[str, str | None], T], task: Task) -> list[T]:
    return [parse(p, k) for p, k in task]


class Workers:
    def __init__(self, n: int):
        self.n = n
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        self.restarts = 0

    def start(self) -> None:
        import multiprocessing as mp

        self.pool = concurrent.futures.ProcessPoolExecutor(self.n, mp_context=mp.get_context("fork"),
                                                           initializer=_start, initargs=(os.getpid(),))

    def stop(self, now: bool = False) -> None:
        """Shut the pool down; now: the load is stopping early (Ctrl-C, an error, the output
        closed), so the pages being parsed are not waited for (a huge one takes a minute)."""
        if self.pool is None:
            return
        if now:  # the executor has no public way to end its processes (3.14 adds one)
            processes = getattr(self.pool, "_processes", None) or {}
            for process in list(processes.values()):
                process.terminate()
        self.pool.shutdown(wait=not now, cancel_futures=True)
        self.pool = None

    def _broken(self) -> None:
        self.restarts += 1
        self.stop()

    def results(
        self, parse: Callable[[str, str | None], T], paths: list[str], known: list[str | None],
        failed: Callable[[str, str], T], time_left: Callable[[], float | None], waited: Callable[[], None],
    ) -> Iterator[T]:
        """parse(path, known) of every path, in order; failed(path, reason) for a page that kills
        its worker. While waiting longer than time_left() for the next, waited() is called (the
        writer commits its batch), then the wait goes on."""
        tasks = deque(list(zip(paths[i:i + CHUNK], known[i:i + CHUNK])) for i in range(0, len(paths), CHUNK))
        careful = 0  # tasks to run one at a time: one of them killed a worker
        while tasks:
            if self.restarts > MAX_RESTARTS:
                yield from (failed(p, DIED) for task in tasks for p, _ in task)
                return
            if self.pool is None:
                self.start()
            if careful:
                left = len(tasks) - 1
                yield from self._alone(tasks, parse, failed, time_left, waited)
                careful += len(tasks) - left - 1  # a task split into its pages: each alone too
                continue
            submitted = list(tasks)
            tasks.clear()
            futures = [self.pool.submit(_chunk, parse, task) for task in submitted]
            for k, future in enumerate(futures):
                try:
                    parsed = self._wait(future, time_left, waited)
                except BrokenProcessPool:
                    self._broken()
                    tasks.extend(submitted[k:])
                    careful = self.n + 2  # those running or queued for a worker when it died
                    break
                yield from parsed

    def _alone(self, tasks: deque, parse, failed, time_left, waited) -> Iterator:
        """The first task on its own; if it kills its worker, its pages each on their own next,
        and a page that kills its worker alone is reported."""
        task = tasks.popleft()
        try:
            yield from self._wait(self.pool.submit(_chunk, parse, task), time_left, waited)
            return
        except BrokenProcessPool:
            self._broken()
        if len(task) > 1:
            tasks.extendleft(reversed([[page] for page in task]))
        else:
            yield failed(task[0][0], DIED)

    @staticmethod
    def _wait(future, time_left: Callable[[], float | None], waited: Callable[[], None]):
        while True:
            try:
                return future.result(timeout=time_left())
            except TimeoutError:
                waited()
