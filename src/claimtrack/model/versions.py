"""Semantic versions (semver.org 2.0.0): the form a package version must take, and their order."""

from __future__ import annotations

import re

# semver.org's own pattern.
SEMVER = re.compile(
    r"(?P<major>0|[1-9]\d*)\.(?P<minor>0|[1-9]\d*)\.(?P<patch>0|[1-9]\d*)"
    r"(?:-(?P<pre>(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+(?P<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)


def is_semver(version: object) -> bool:
    return isinstance(version, str) and SEMVER.fullmatch(version) is not None


def problem_with(version: object) -> str | None:
    """Why ``version`` is not a semantic version, in a sentence; None when it is one."""
    if not isinstance(version, str) or not version:
        return 'datapackage.json has no "version": give one in the form MAJOR.MINOR.PATCH, such as 1.0.0'
    if not is_semver(version):
        return (
            f'the version in datapackage.json, "{version}", is not a semantic version: '
            "write it as MAJOR.MINOR.PATCH (such as 0.3.0), with no leading zeros or 'v'"
        )
    return None


def sort_key(version: str) -> tuple:
    """A key that orders versions by semver precedence; build metadata is ignored."""
    match = SEMVER.fullmatch(version)
    if match is None:
        raise ValueError(f"{version!r} is not a semantic version")
    core = tuple(int(match[part]) for part in ("major", "minor", "patch"))
    pre = match["pre"]
    if pre is None:
        return core + (1, ())  # a release ranks above its pre-releases
    # Numeric identifiers rank below alphanumeric ones, and compare as numbers.
    identifiers = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return core + (0, identifiers)
