"""pandera's polars API, imported so that validation needs neither pandas nor numpy.

pandera's own package imports pandas and numpy whenever they are installed, for its
pandas API (and hypothesis, for its data synthesis), and its first check of a polars
frame imports pandas again to ask whether the frame is a pandas one: 0.7 s of a
command that needs none of them. claimtrack uses the polars API alone. So within a
command of claimtrack's own (``SPARE_PANDAS``, set by the command line, whose process
is claimtrack's), pandera is imported, and its polars checks registered, with pandas,
numpy and hypothesis out of its sight when they are not imported yet: pandera then
sets itself up as installed for polars alone, as it is built to be. In that process
pandera's pandas API is not available afterwards, which claimtrack never uses; called
from a program of its own (``claimtrack.validate()``), pandera is imported as usual.
"""

from __future__ import annotations

import importlib.abc
import sys

# Set by the command line: the process is claimtrack's own.
SPARE_PANDAS = False
_UNSEEN = ("pandas", "numpy", "hypothesis")


class _Unseen(importlib.abc.MetaPathFinder):
    """Finds none of ``names``, as though they were not installed."""

    def __init__(self, names: tuple[str, ...]):
        self.names = names

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return None


def pandera():
    """The module ``pandera.polars``."""
    if "pandera.polars" in sys.modules or not SPARE_PANDAS:
        import pandera.polars

        return pandera.polars
    unseen = tuple(name for name in _UNSEEN if name not in sys.modules)
    hidden = _Unseen(unseen)
    sys.meta_path.insert(0, hidden)
    try:
        try:
            import pandera.polars
            from pandera.backends.polars.register import register_polars_backends
            from pandera.backends.register_checks import _load_get_backend_types_from_mro
            from pandera.config import CONFIG

            register_polars_backends(use_narwhals_backend=CONFIG.use_narwhals_backend)
            _load_get_backend_types_from_mro()  # that a polars frame is no pandas one, found once
        finally:
            sys.meta_path.remove(hidden)
    except ImportError:
        # A pandera set up otherwise: imported again, as usual.
        for name in [name for name in sys.modules if name.partition(".")[0] == "pandera"]:
            del sys.modules[name]
        import pandera.polars
    return pandera.polars
