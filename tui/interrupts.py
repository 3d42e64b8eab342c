"""Ctrl-C held back while a few steps that must run whole run, then delivered.

The loader stores a page in a savepoint and then notes its search tokens and word counts for the
batch's commit; it commits a batch and then reports its pages. A KeyboardInterrupt between two
such steps would leave a page stored without its index rows, or stored but not reported (and a
new database that seems to hold nothing is removed). Held back, Ctrl-C waits for the step to end
(milliseconds) and then stops the load as before.
"""
from __future__ import annotations

import signal
import threading


class HeldInterrupt:
    """A context: SIGINT received inside is delivered when it ends (main thread only; elsewhere
    Python delivers no signals anyway)."""

    def __init__(self) -> None:
        self.received = False
        self.previous = None

    def _hold(self, signum, frame) -> None:
        self.received = True

    def __enter__(self) -> HeldInterrupt:
        self.received = False
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._hold)
        return self

    def __exit__(self, *exc) -> bool:
        previous, self.previous = self.previous, None
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
            if self.received and callable(previous):
                previous(signal.SIGINT, None)  # Python's own handler raises KeyboardInterrupt
        return False
