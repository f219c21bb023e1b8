"""The descriptor and the schemas against the standard's own profiles, as frictionless
checks them (offline: the Data Package and Table Schema profiles ship inside it).

``read_package`` checks, without frictionless, what claimtrack itself reads; this
adds what any other Frictionless tool would refuse, before any data is read.

Importing frictionless costs a quarter of a second, more than validating a small
package, and the descriptor and schemas change far less often than the data. So what
the check found is kept in the package's working folder (``paths.PROFILE_RESULT``) under
the key of the descriptor's and the schemas' files, of this module and of the
frictionless installed (``io.checked.stamp``: their paths, sizes, times and inodes),
and found again while none of them changed; a file changed within seconds of the
result being kept is checked again, as ``io.checked`` does.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from claimtrack.io import checked
from claimtrack.model import paths
from claimtrack.model.package import Package
from claimtrack.model.problems import Problem


def profile_problems(package: Package, as_in_files: bool = True, keep: bool = True) -> list[Problem]:
    """Each way the descriptor or a schema departs from its profile, on its file.

    ``as_in_files``: the package was read from its files as they are (not with a
    descriptor or schema about to be written in their place), so a result kept for
    those files is used; with ``keep`` too, the result found is kept (a check of a
    change about to be made writes nothing)."""
    files = _files(package) if as_in_files else None
    before = checked.stamp(files, _salt()) if files is not None else None
    path = package.root / paths.WORK_DIR / paths.PROFILE_RESULT
    kept = checked.kept_for(path, before)
    if isinstance(kept, list):
        try:
            return [Problem(**problem) for problem in kept]
        except (TypeError, ValueError):
            pass  # a result kept in another layout: checked again
    problems = _checked(package)
    if keep and before is not None and (package.root / paths.DESCRIPTOR).is_file():
        if checked.stamp(files, _salt()) == before:
            checked.keep_in(path, [asdict(problem) for problem in problems], before)
    return problems


def _files(package: Package) -> list[Path]:
    """The files the check reads, and the code it is made by."""
    schemas = sorted({r.schema_path for r in package.resources} - {paths.DESCRIPTOR})
    return [package.root / paths.DESCRIPTOR, *(package.root / name for name in schemas), Path(__file__)]


def _salt() -> str:
    """Which frictionless checks: its version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"frictionless {version('frictionless')}"
    except PackageNotFoundError:
        return "frictionless"


def _checked(package: Package) -> list[Problem]:
    from frictionless import Package as Descriptor
    from frictionless import Schema

    problems = [
        _problem(paths.DESCRIPTOR, "descriptor", error) for error in Descriptor.metadata_validate(package.descriptor)
    ]
    seen: set[str] = set()
    for resource in package.resources:
        if resource.schema_path == paths.DESCRIPTOR or resource.schema_path in seen:
            continue  # a schema written in the descriptor was checked with it
        seen.add(resource.schema_path)
        problems += [
            _problem(resource.schema_path, "schema", error) for error in Schema.metadata_validate(resource.schema)
        ]
    return problems


def _problem(file: str, rule: str, error) -> Problem:
    return Problem(file, None, None, None, f"does not follow the standard's profile: {error.note}", rule)
