"""The descriptor and the schemas against the standard's own profiles, as frictionless
checks them (offline: the Data Package and Table Schema profiles ship inside it).

``read_package`` checks, without frictionless, what claimtrack itself reads; this
adds what any other Frictionless tool would refuse, before any data is read.
"""

from __future__ import annotations

from claimtrack.model import paths
from claimtrack.model.package import Package
from claimtrack.model.problems import Problem


def profile_problems(package: Package) -> list[Problem]:
    """Each way the descriptor or a schema departs from its profile, on its file."""
    from frictionless import Package as Descriptor
    from frictionless import Schema

    problems = [
        _problem(paths.DESCRIPTOR, "descriptor", error) for error in Descriptor.metadata_validate(package.descriptor)
    ]
    checked: set[str] = set()
    for resource in package.resources:
        if resource.schema_path == paths.DESCRIPTOR or resource.schema_path in checked:
            continue  # a schema written in the descriptor was checked with it
        checked.add(resource.schema_path)
        problems += [
            _problem(resource.schema_path, "schema", error) for error in Schema.metadata_validate(resource.schema)
        ]
    return problems


def _problem(file: str, rule: str, error) -> Problem:
    return Problem(file, None, None, None, f"does not follow the standard's profile: {error.note}", rule)
