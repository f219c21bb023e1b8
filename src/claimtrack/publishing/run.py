"""``claimtrack publish``: everything an editor ships, or nothing.

First every reason to refuse is gathered: the package is not valid, its version is
not a semantic version, the charts were built from other data than what is in
data/, a document the release carries is missing, the changelog or the citation
does not name this version. Any of them, and nothing is written.

Then, under the package's lock so that no claim is added half-way, everything is
made in a scratch folder inside the output folder: the release zip (checked by
unzipping it into a fresh folder and validating it with frictionless and with
claimtrack's own checks), the SQLite database with its metadata.json for Datasette,
and the static site. Only when all of it is made are the pieces moved into place, as
one commit (``storage.commit``): a journal names the moves first, so that a crash
among them is finished by the next claimtrack command, and the zip, the database and
the site are never of two different releases. A failure before that leaves the
previous release, if any, as it was; a scratch folder a crash left is removed by the
next publish.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimtrack.model import paths, versions
from claimtrack.model.package import Package
from claimtrack.model.problems import Problem
from claimtrack.publishing import changelog, release

# Lower-case letters, digits, '.', '_' and '-': the package's name becomes file names.
_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
_SCRATCH = ".publish-"  # the scratch folder a release is made in, inside the output folder
_CITATION_VERSION = re.compile(r"""^version:\s*["']?([^"'\s]+)["']?\s*$""", flags=re.MULTILINE)


class PublishRefused(Exception):
    """The package cannot be published as it is; nothing was written."""

    def __init__(self, reasons: list[str], problems: list[Problem] | None = None):
        self.reasons = list(reasons)
        self.problems = list(problems or [])
        super().__init__(str(self))

    def __str__(self) -> str:
        return "nothing was published:\n" + "\n".join(f"  - {reason}" for reason in self.reasons)


@dataclass
class Published:
    folder: Path
    release: Path
    database: Path
    metadata: Path
    site: Path
    written: list[Path] = field(default_factory=list)


def output_folder(package_root: Path, out: str | Path | None) -> Path:
    return Path(out).resolve() if out is not None else paths.package_root(package_root) / paths.DIST_DIR


def database_name(package: Package) -> str:
    return paths.database_file(package.name)


def reasons_to_refuse(package: Package) -> list[str]:
    """Every reason, beyond invalid data, that the package cannot be published now."""
    from claimtrack.charts.render import is_up_to_date

    reasons = []
    if not _FILE_NAME.fullmatch(package.name):
        reasons.append(
            f'the package name "{package.name}" in datapackage.json names the release files: '
            "use lower-case letters, digits, '.', '_' and '-' only"
        )
    version_problem = versions.problem_with(package.descriptor.get("version"))
    if version_problem:
        reasons.append(version_problem)
    if not is_up_to_date(package):
        reasons.append(
            "the charts in charts/ are missing or were built from other data, schemas or chart code "
            "than the package has now: run claimtrack build"
        )
    for name in release.missing_documents(package):
        reasons.append(f"{name} is missing from {package.root}: the release carries it")
    reasons += release.foreign_files(package)
    log = package.root / paths.CHANGELOG
    if log.is_file() and not version_problem and not changelog.names_version(log.read_text("utf-8"), package.version):
        reasons.append(
            f"{paths.CHANGELOG} has no entry for version {package.version}: "
            "run scripts/update_changelog.py and commit it"
        )
    citation = package.root / paths.CITATION
    if citation.is_file():
        found = _CITATION_VERSION.search(citation.read_text(encoding="utf-8"))
        if found is None or found.group(1) != package.version:
            named = f"names version {found.group(1)}" if found else "names no version"
            reasons.append(f"CITATION.cff {named}, but the package is version {package.version}: make them agree")
    return reasons


def publish(
    root: str | Path = ".",
    out: str | Path | None = None,
    *,
    archive: str | Path | None = None,
    include_archive: bool = False,
    progress: Callable[[str], None] = lambda _: None,
    on_wait: Callable[[], None] = lambda: None,
) -> Published:
    """Publish the package at ``root`` into ``out`` (default: dist/ in the package folder).

    Quotes are checked against the archived texts in ``archive``, or in the package's
    own archive/. The release leaves the texts out, being other people's words; with
    ``include_archive`` it carries those that quotes were checked against, under archive/.
    Raises PublishRefused, with every reason, when the package cannot be published.
    """
    from claimtrack.io import storage
    from claimtrack.validation.run import validate

    root = paths.package_root(root)
    folder = output_folder(root, out)
    try:
        with storage.package_lock(root, on_wait=on_wait):
            report = validate(root, archive=archive)
            if report.package is None:
                raise PublishRefused(
                    ["the package cannot be read; fix it first (claimtrack validate)"], report.problems
                )
            reasons = reasons_to_refuse(report.package)
            if report.problems:
                reasons.insert(
                    0, f"the package has {len(report.problems):,} problem(s); fix them first (claimtrack validate)"
                )
            if reasons:
                raise PublishRefused(reasons, report.problems)
            texts = {}
            if include_archive and report.archive is not None:
                texts = {name: report.archive.folder / name for name in sorted(report.archive.used.values())}
            return _make(report.package, folder, archive, texts, include_archive, progress)
    except storage.WriteError as error:
        raise PublishRefused([str(error)]) from None


def _make(
    package: Package,
    folder: Path,
    archive: str | Path | None,
    texts: dict[str, Path],
    include_archive: bool,
    progress: Callable[[str], None],
) -> Published:
    from claimtrack.io import storage
    from claimtrack.publishing import database, site

    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(folder)
    try:
        with storage.scratch_folder(package.root, folder, _SCRATCH) as scratch:
            zip_path = scratch / release.zip_name(package)
            progress(f"release {zip_path.name}")
            release.write_zip(package, zip_path, texts)
            if include_archive:
                progress(f"release: with {len(texts)} archived text(s) in {paths.ARCHIVE_DIR}/, as asked")
            else:
                progress(
                    "release: without the archived texts, which are other people's words (--include-archive puts them in)"
                )
            progress("release: unzipped into a fresh folder and validated with frictionless and claimtrack")
            # A release that carries its texts is checked against them; one that does not,
            # against the folder given, if any.
            against = None if include_archive or archive is None else Path(archive)
            reasons = release.check_release(zip_path, release.release_files(package, texts), archive=against)
            if reasons:
                raise PublishRefused(["the release does not validate once unzipped: " + r for r in reasons])
            db_path = scratch / database_name(package)
            progress(f"database {db_path.name} and {paths.DATASETTE_METADATA} for Datasette")
            database.write_database(package, db_path)
            metadata = database.datasette_metadata(package, db_path.stem)
            (scratch / paths.DATASETTE_METADATA).write_text(_json(metadata), encoding="utf-8")
            progress(f"site {paths.SITE_DIR}/{paths.SITE_INDEX}")
            site.write_site(
                package,
                scratch / paths.SITE_DIR,
                {
                    f"The release: {zip_path.name} (the data package, zipped)": zip_path,
                    f"The database: {db_path.name} (SQLite)": db_path,
                    f"Datasette metadata: {paths.DATASETTE_METADATA}": scratch / paths.DATASETTE_METADATA,
                },
            )
            names = [zip_path.name, db_path.name, paths.DATASETTE_METADATA, paths.SITE_DIR]
            storage.commit(package.root, [(scratch / name, folder / name) for name in names], remove=[scratch])
    except BaseException:
        if created and not storage.pending(package.root):  # moves begun are the next command's to finish
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return Published(
        folder=folder,
        release=folder / zip_path.name,
        database=folder / db_path.name,
        metadata=folder / paths.DATASETTE_METADATA,
        site=folder / paths.SITE_DIR,
        written=[folder / name for name in names],
    )


def _json(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _remove_leftovers(folder: Path) -> None:
    """Scratch folders a publish killed before its moves left in the output folder. Under
    the package's lock, after any journal is finished, none is another publish's."""
    for leftover in folder.glob(f"{_SCRATCH}*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
