"""The licences a new package can be started under, by their SPDX identifiers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    name: str  # the SPDX identifier, as Data Package's licenses[].name
    title: str
    path: str  # where the licence is published

    def sentence(self, what: str) -> str:
        return f"{what} licensed under the {self.title} ({self.name}): {self.path}"


LICENCES = {
    licence.name: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        Licence(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        Licence(
            "CC0-1.0", "Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"
        ),
        Licence(
            "ODC-By-1.0", "Open Data Commons Attribution License v1.0", "https://opendatacommons.org/licenses/by/1-0/"
        ),
        Licence(
            "ODbL-1.0", "Open Data Commons Open Database License v1.0", "https://opendatacommons.org/licenses/odbl/1-0/"
        ),
        Licence(
            "PDDL-1.0",
            "Open Data Commons Public Domain Dedication and License v1.0",
            "https://opendatacommons.org/licenses/pddl/1-0/",
        ),
    )
}
DEFAULT = "CC-BY-4.0"


def licence_named(name: str) -> Licence | None:
    """The licence with this SPDX identifier, in any case."""
    return next((licence for key, licence in LICENCES.items() if key.lower() == name.strip().lower()), None)
