"""The command line has polars hand freed memory back to the system at once, and leaves
a setting of the user's own, and a process that imported polars first, as they are."""

from __future__ import annotations

import os
import subprocess
import sys

from claimtrack.tables import memory

# Frees 400 MB polars took in pieces of 2 MB (as a validation's passing results are),
# then prints how much the process still holds, in MB.
PROGRAM = """
import sys
from claimtrack.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
import polars as pl

def resident():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))

pieces = [pl.int_range(i, i + 250_000, eager=True) * 2 for i in range(200)]
held = resident()
del pieces
print(held, resident())
"""


def held_then_kept(environment: dict[str, str]) -> tuple[int, int]:
    """What the program holds with its pieces, and after freeing them, in MB."""
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, "--help"], capture_output=True, text=True, env=environment, check=True
    )
    held, kept = map(int, done.stdout.split()[-2:])
    return held, kept


def test_a_command_hands_freed_memory_back_at_once():
    environment = {k: v for k, v in os.environ.items() if k != memory.OPTIONS}
    held, kept = held_then_kept(environment)
    assert held > 400
    assert kept < held - 300, f"of {held} MB, {kept} MB kept after freeing 400"


def test_a_setting_of_the_users_own_is_kept():
    # jemalloc's own default: pages freed in the last ten seconds are kept.
    held, kept = held_then_kept({**os.environ, memory.OPTIONS: "dirty_decay_ms:10000"})
    assert held > 400
    assert kept > held - 100, f"of {held} MB, only {kept} MB kept: the user's setting was overridden"


def unset(monkeypatch) -> None:
    """The options unset for one test, and whatever it sets undone after it."""
    monkeypatch.setenv(memory.OPTIONS, "")
    monkeypatch.delenv(memory.OPTIONS)


def test_nothing_is_set_once_polars_is_imported(monkeypatch):
    import polars  # noqa: F401  (imported by this process's tests already; said here)

    unset(monkeypatch)
    assert memory.hand_back_at_once() is False
    assert memory.OPTIONS not in os.environ


def test_the_options_are_set_before_polars_is_imported(monkeypatch):
    unset(monkeypatch)
    monkeypatch.delitem(sys.modules, "polars")
    assert memory.hand_back_at_once() is True
    assert os.environ[memory.OPTIONS] == memory.AT_ONCE
