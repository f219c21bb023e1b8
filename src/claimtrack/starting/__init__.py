"""Starting a package: ``claimtrack init DIR`` writes a complete, valid, empty package.

What it writes comes from the skeleton that ships inside claimtrack (``skeleton/``):
the schemas every claimtrack package shares, the resources of its descriptor, and
templates of its README, Makefile, .gitignore and the note in ``archive/``. The rest
is made from what the desk says about its story: the name, title, description,
licence and author. Everything is written into a scratch folder first, validated
there, and moved into place in one step: a refused or failed start leaves nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import string
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from claimtrack.model import paths
from claimtrack.starting.licences import DEFAULT, LICENCES, Licence, licence_named

# Data Package v2: the profile a new descriptor names.
PACKAGE_SCHEMA = "https://datapackage.org/profiles/2.0/datapackage.json"
FIRST_VERSION = "0.1.0"
# A package's name names its release files: lower case letters, digits, '.', '_' and '-'.
NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


class StartError(ValueError):
    """The package cannot be started as asked; nothing was written."""


@dataclass(frozen=True)
class Story:
    """What the desk says about the package it starts."""

    name: str
    title: str
    description: str = ""
    licence: str = DEFAULT
    author: str = ""


def skeleton():
    return resources.files("claimtrack.starting").joinpath(paths.SKELETON_DIR)


def skeleton_resources() -> list[dict]:
    return json.loads(skeleton().joinpath(paths.SKELETON_RESOURCES).read_text(encoding="utf-8"))["resources"]


def schema_files() -> dict[str, bytes]:
    """The schemas every package starts with, by their path in the package: the same
    path inside the skeleton."""
    return {r["schema"]: skeleton().joinpath(r["schema"]).read_bytes() for r in skeleton_resources()}


def name_from(folder: Path) -> str:
    """A package name made from a folder's name: "Ebola 2014" gives "ebola-2014"."""
    return re.sub(r"[^a-z0-9._-]+", "-", folder.resolve().name.lower()).strip("-._") or "claims"


def check(story: Story) -> Licence:
    """The story's licence; StartError when anything it says cannot make a package."""
    if not NAME.fullmatch(story.name):
        raise StartError(
            f"the name {story.name!r} names the release files: use lower-case letters, digits, '.', '_' and '-', "
            "starting with a letter or digit"
        )
    if not story.title.strip():
        raise StartError("the package needs a title: say in a few words what story its figures are from")
    licence = licence_named(story.licence)
    if licence is None:
        raise StartError(f"no licence {story.licence!r}: choose one of {', '.join(LICENCES)}")
    return licence


def descriptor(story: Story, licence: Licence) -> dict:
    """datapackage.json for a new package: the story's words, no topics and no charts yet."""
    found = {
        "$schema": PACKAGE_SCHEMA,
        "name": story.name,
        "title": story.title.strip(),
        "description": story.description.strip(),
        "version": FIRST_VERSION,
        "licenses": [{"name": licence.name, "title": licence.title, "path": licence.path}],
    }
    if story.author.strip():
        found["contributors"] = [{"title": story.author.strip(), "roles": ["author"]}]
    found["topics"] = []
    found["resources"] = skeleton_resources()
    found["views"] = []
    if not found["description"]:
        del found["description"]
    return found


def json_text(value: dict) -> str:
    """JSON as the package keeps it: two-space indents, text as written, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(value, ensure_ascii=False)


def citation(story: Story, licence: Licence) -> str:
    author = story.author.strip() or f"The authors of {story.title.strip()}"
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this data, please cite it as below, and cite the sources in data/sources.csv for the figures themselves."',
        f"title: {_yaml_text(story.title.strip())}",
        "type: dataset",
        "authors:",
        f"  - name: {_yaml_text(author)}",
        f'version: "{FIRST_VERSION}"',
        f"license: {licence.name}",
    ]
    if story.description.strip():
        lines.append(f"abstract: {_yaml_text(story.description.strip())}")
    return "\n".join(lines) + "\n"


def changelog(story: Story) -> str:
    return (
        "# Changelog\n\n"
        f"What changed in the data of `{story.name}` from one version to the next. "
        "Versions follow [semantic versioning](https://semver.org/).\n\n"
        f"## {FIRST_VERSION} (unreleased)\n\n"
        "Started with `claimtrack init`: the tables are empty.\n"
    )


def licence_files(licence: Licence) -> dict[str, str]:
    data = (
        licence.sentence("The data in data/ and its documentation in schemas/ and datapackage.json are")
        + ".\n\nThe quotes in data/claims.csv are short extracts of the sources named in data/sources.csv, "
        "reproduced to attribute each figure and to let readers verify it. Their copyright stays with their "
        "publishers; cite the original sources for the figures themselves.\n"
    )
    rest = licence.sentence("The charts in charts/, the README and the other documents of this package are") + ".\n"
    return {paths.DATA_LICENCE: data, paths.LICENCE: rest}


def readme(story: Story, licence: Licence) -> str:
    template = string.Template(skeleton().joinpath(paths.README).read_text(encoding="utf-8"))
    return template.substitute(
        title=story.title.strip(),
        description=story.description.strip() or "What this package tracks, in a sentence or two.",
        licence_sentence=licence.sentence("The data is") + "; see LICENSE-DATA and LICENSE.",
    )


def files_of(story: Story) -> dict[str, bytes]:
    """Every file of the new package, by its path in it."""
    licence = check(story)
    made = descriptor(story, licence)
    schemas = schema_files()
    files: dict[str, str | bytes] = {paths.DESCRIPTOR: json_text(made), **schemas}
    for resource in made["resources"]:
        fields = json.loads(schemas[resource["schema"]])["fields"]
        files[resource["path"]] = ",".join(f["name"] for f in fields) + "\n"
    files[paths.README] = readme(story, licence)
    files[paths.CITATION] = citation(story, licence)
    files[paths.CHANGELOG] = changelog(story)
    files |= licence_files(licence)
    files[paths.MAKEFILE] = skeleton().joinpath(paths.MAKEFILE).read_bytes()
    files[paths.GITIGNORE] = skeleton().joinpath(paths.SKELETON_GITIGNORE).read_bytes()
    files[f"{paths.ARCHIVE_DIR}/{paths.ARCHIVE_README}"] = skeleton().joinpath(paths.SKELETON_ARCHIVE_NOTE).read_bytes()
    return {path: content.encode("utf-8") if isinstance(content, str) else content for path, content in files.items()}


def _refuse_existing(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise StartError(f"{folder} is a file: give a folder for the new package")
    if folder.is_dir() and any(folder.iterdir()):
        what = "a package" if (folder / paths.DESCRIPTOR).exists() else "files"
        raise StartError(f"{folder} already holds {what}: start the package in a new or empty folder")


def start_package(folder: str | Path, story: Story) -> list[str]:
    """Write the new package into ``folder`` (new or empty); the files written, sorted.

    The package is made in a scratch folder beside ``folder``, its README's tables
    filled in and the whole validated, then moved into place.
    """
    from claimtrack.model.package import read_package
    from claimtrack.publishing.readme import refresh_readme
    from claimtrack.validation import validate

    folder = Path(folder)
    _refuse_existing(folder)
    files = files_of(story)
    parent = folder.resolve().parent
    if not parent.is_dir():
        raise StartError(f"{parent} does not exist: make it first, or start the package somewhere else")
    scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}-init-", dir=parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(scratch, 0o777 & ~mask)  # a folder as mkdir would make it, not mkdtemp's private one
    try:
        for relative, content in files.items():
            target = scratch / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        package = read_package(scratch)
        readme_path = scratch / paths.README
        readme_path.write_text(refresh_readme(readme_path.read_text(encoding="utf-8"), package), encoding="utf-8")
        report = validate(scratch)
        if report.problems:  # the skeleton itself is wrong: a bug, never the desk's doing
            listed = "; ".join(p.message for p in report.problems[:5])
            raise StartError(f"the new package does not validate, which is a bug in claimtrack: {listed}")
        if folder.is_dir():
            folder.rmdir()
        os.replace(scratch, folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return sorted(files)
