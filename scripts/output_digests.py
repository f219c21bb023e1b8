"""Print the SHA-256 of every file the package builds, to show a code change left the outputs alone.

    .venv/bin/python scripts/output_digests.py > before.txt
    ... change the code ...
    .venv/bin/python scripts/output_digests.py --compare before.txt --inputs-from HEAD~3

The package (descriptor, data, schemas and the documents a release carries) is copied
into a scratch folder; there, `claimtrack build --force` draws every chart again and
`claimtrack publish` makes the release zip, the SQLite database, Datasette's metadata
and the site. One line per file: its digest and its path. charts/manifest.json is left
out: it records a fingerprint of the code itself, which a code change is meant to move.
With --compare, the listing is checked against an earlier one and every difference is
printed; the exit status is 1 when there is any. With --inputs-from, the package's files
are taken from that git revision instead of the working tree, so that only the code
differs between the two listings (the release carries the README, which a change may edit).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLAIMTRACK = Path(sys.executable).parent / "claimtrack"
COPIED = ("datapackage.json", "data", "schemas", "README.md", "LICENSE", "LICENSE-DATA", "CITATION.cff", "CHANGELOG.md")
SKIPPED = {"charts/manifest.json"}


def run(*args: str, cwd: Path) -> None:
    done = subprocess.run([str(CLAIMTRACK), *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"claimtrack {' '.join(args)} failed:\n{done.stderr}")


def digests(package: Path) -> dict[str, str]:
    """The digest of each built file, by its path inside the scratch package."""
    found = {}
    for folder in ("charts", "dist"):
        for path in sorted((package / folder).rglob("*")):
            relative = path.relative_to(package).as_posix()
            if path.is_file() and relative not in SKIPPED:
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def copy_inputs(package: Path, revision: str | None) -> None:
    """The package's own files, from the working tree or from a git revision."""
    if revision is None:
        for name in COPIED:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, package / name)
        return
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, *COPIED], capture_output=True, check=False)
    if archive.returncode != 0:
        sys.exit(f"git archive {revision} failed: {archive.stderr.decode(errors='replace').strip()}")
    subprocess.run(["tar", "-x", "-C", str(package)], input=archive.stdout, check=True)


def build(scratch: Path, revision: str | None) -> dict[str, str]:
    package = scratch / "package"
    package.mkdir()
    copy_inputs(package, revision)
    print("building the charts and publishing a copy of the package ...", file=sys.stderr, flush=True)
    run("build", "--force", cwd=package)
    run("publish", cwd=package)
    return digests(package)


def read_listing(path: Path) -> dict[str, str]:
    pairs = (line.split("  ", 1) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="an earlier listing to check this one against")
    parser.add_argument("--inputs-from", metavar="REVISION", help="take the package's files from this git revision")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimtrack-digests-") as scratch:
        now = build(Path(scratch), args.inputs_from)
    if args.compare is None:
        for name, digest in now.items():
            print(f"{digest}  {name}")
        return
    before = read_listing(args.compare)
    differences = [
        f"{name}: {before.get(name, 'absent')} before, {now.get(name, 'absent')} now"
        for name in sorted(before.keys() | now.keys())
        if before.get(name) != now.get(name)
    ]
    for line in differences:
        print(line)
    print(f"{len(now)} files built; {len(differences)} differ from {args.compare}.")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
