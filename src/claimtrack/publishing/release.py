"""The release: one zip of the package's declared files, the same bytes every time.

Only what datapackage.json declares (itself, its data files and their schemas) and
the documents that travel with the data go in, in sorted order, each with the same
fixed time stamp and permissions, so the same package always gives the same zip.
The archived texts of the sources are other people's words: they go in, under
archive/, only when the publisher asks for them.
``check_release`` opens a zip in a fresh folder and validates what is in it, with
frictionless and with claimtrack's own checks, as a user of the release would.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from claimtrack.model import paths
from claimtrack.model.package import Package

# The earliest time a zip can record: no clock, no time zone, goes into the release.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644  # a regular file, read-write for its owner, readable by all
UNIX = 3  # the "made by" system: Unix, so that the mode above is honoured on unzip


def zip_name(package: Package) -> str:
    return paths.release_zip(package.name, package.version)


def archive_entry(name: str) -> str:
    """Where an archived text goes in the release: archive/NAME."""
    return f"{paths.ARCHIVE_DIR}/{name}"


def release_files(package: Package, texts: Mapping[str, Path] | None = None) -> list[str]:
    """Every file of the release, relative to the package folder, sorted; ``texts``: the
    archived texts to carry, by file name, with where each is read from."""
    declared = {paths.DESCRIPTOR} | {r.schema_path for r in package.resources} | {r.path for r in package.resources}
    archived = {archive_entry(name) for name in texts or {}}
    return sorted(declared | set(paths.DOCUMENTS) | archived)


def missing_documents(package: Package) -> list[str]:
    return [name for name in paths.DOCUMENTS if not (package.root / name).is_file()]


def not_its_own(package: Package, relative: str) -> str | None:
    """Why the file ``relative`` is not one of the package's own to ship (a link to a
    file outside the package folder, or something other than a file), or None."""
    root = package.root.resolve()
    path = package.root / relative
    if not (path.exists() or path.is_symlink()):
        return None  # missing: missing_documents and validation say so
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        return f"{relative} is a link to {resolved}, outside the package: the release carries the package's own files only; put the file itself in its place"
    if not resolved.is_file():
        return f"{relative} is not a file: the release carries files only"
    return None


def foreign_files(package: Package) -> list[str]:
    """Why each file the release would carry from the package folder is not its own."""
    found = (not_its_own(package, relative) for relative in release_files(package))
    return [reason for reason in found if reason]


def write_zip(package: Package, target: Path, texts: Mapping[str, Path] | None = None) -> None:
    """The release zip; with ``texts`` (file name -> file), those archived texts under archive/."""
    sources = {archive_entry(name): path for name, path in (texts or {}).items()}
    with zipfile.ZipFile(target, "w") as archive:
        for relative in release_files(package, texts):
            info = zipfile.ZipInfo(relative, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = FILE_MODE << 16
            if relative not in sources and (reason := not_its_own(package, relative)):
                raise ValueError(reason)
            data = sources[relative].read_bytes() if relative in sources else (package.root / relative).read_bytes()
            archive.writestr(info, data, compresslevel=9)


def check_release(zip_path: Path, expected: list[str], archive: Path | None = None) -> list[str]:
    """What is wrong with the release, one sentence each; empty when it is sound.

    The zip is unpacked into a fresh folder; the files in it must be exactly
    ``expected``, and the package there must pass frictionless's validation and
    claimtrack's own: against ``archive`` when given, else against the texts the
    release carries in its own archive/, if any.
    """
    from frictionless import validate as frictionless_validate

    from claimtrack.validation.run import validate

    with zipfile.ZipFile(zip_path) as opened:
        names = opened.namelist()
        if sorted(names) != sorted(expected):
            extra, lacking = set(names) - set(expected), set(expected) - set(names)
            return [
                "the zip does not hold exactly the declared files"
                + (f"; it lacks {', '.join(sorted(lacking))}" if lacking else "")
                + (f"; it also holds {', '.join(sorted(extra))}" if extra else "")
            ]
        with tempfile.TemporaryDirectory(prefix="claimtrack-release-") as folder:
            opened.extractall(folder)
            reasons = []
            report = frictionless_validate(str(Path(folder) / paths.DESCRIPTOR))
            if not report.valid:
                for task in report.tasks:
                    for error in task.errors:
                        row = getattr(error, "row_number", None)
                        where = task.place + (f", row {row}" if row else "")
                        reasons.append(f"frictionless finds the unzipped release invalid: {where}: {error.message}")
                for error in report.errors:
                    reasons.append(f"frictionless finds the unzipped release invalid: {error.message}")
            ours = validate(folder, archive=archive)
            reasons += [f"the unzipped release is not valid: {problem}" for problem in ours.problems]
    return reasons
