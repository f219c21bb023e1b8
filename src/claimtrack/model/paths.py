"""Where things live: every file and folder name the tool reads or writes, once.

A package folder holds its descriptor, data, schemas and charts, the documents a
release carries, and the archived texts of its sources; publishing writes the
release, the database and the site into an output folder. Every other module asks here, and a convention test fails when one
spells a file name itself.
"""

from __future__ import annotations

from pathlib import Path

# The package folder.
DESCRIPTOR = "datapackage.json"
DATA_DIR = "data"
SCHEMAS_DIR = "schemas"
CHARTS_DIR = "charts"
CHART_MANIFEST = "manifest.json"
# What each chart is written as, by the extension of its file.
CHART_SPEC = "vl.json"  # the Vega-Lite spec
CHART_NARROW_SPEC = "narrow.vl.json"  # the spec drawn for a phone's width
CHART_NARROW_PNG = "narrow.png"  # the picture at a phone's width, for pages that take no script
CHART_EMBED = "embed.html"  # the code a desk pastes into a page to show the chart in an iframe
CHART_FORMATS = (CHART_SPEC, CHART_NARROW_SPEC, "svg", "png", CHART_NARROW_PNG, "html", CHART_EMBED)
# Held while a command changes the package, so that two cannot interleave.
LOCK = ".claimtrack.lock"
# The tool's own working files in a package, which git ignores: answers typed at the
# prompts that were refused, kept to fix and hand back with --file.
WORK_DIR = ".claimtrack"
REFUSED_DIR = "refused"
# In WORK_DIR: what the last validation of the package's files found (claimtrack.io.checked).
VALIDATION_RESULT = "validation.json"
# In WORK_DIR: what the profile check of the descriptor and schemas found (claimtrack.validation.profiles).
PROFILE_RESULT = "profiles.json"
# In WORK_DIR: the files a change is moving into place, while it moves them (claimtrack.io.storage).
JOURNAL = "journal.json"
# A file being written: its name with this prefix and suffix, beside it, until it is moved into place.
STAGED_PREFIX, STAGED_SUFFIX = ".", ".tmp"
# The archived texts of the sources, which quotes are checked against: other people's
# words, kept beside the data but out of the release unless asked for.
ARCHIVE_DIR = "archive"
ARCHIVE_README = "README.md"  # inside ARCHIVE_DIR: what the folder is for
ARCHIVED_TEXT = "txt"  # the extension of a text archived by `claimtrack archive`
# What a saved web page is called: its main text is extracted rather than copied.
WEB_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
# What `claimtrack init` writes beside the package's own files.
MAKEFILE = "Makefile"
GITIGNORE = ".gitignore"

# The documents that travel with the data in a release, beside the descriptor's own files.
README = "README.md"
LICENCE = "LICENSE"
DATA_LICENCE = "LICENSE-DATA"
CITATION = "CITATION.cff"
CHANGELOG = "CHANGELOG.md"
DOCUMENTS = (README, LICENCE, DATA_LICENCE, CITATION, CHANGELOG)

# What publishing writes, in its output folder (dist/ in the package folder by default).
DIST_DIR = "dist"
DATASETTE_METADATA = "metadata.json"
SITE_DIR = "site"
# Inside the site folder.
SITE_INDEX = "index.html"
SITE_STYLESHEET = "site.css"
SITE_SCRIPT = "site.js"
SITE_ASSETS = (SITE_STYLESHEET, SITE_SCRIPT)  # copied from the templates folder as they are
VEGA_BUNDLE = "vega.js"
SITE_CHARTS = "charts"
SITE_DOWNLOADS = "downloads"
# The site's Jinja templates and assets, inside the claimtrack.publishing package.
TEMPLATES_DIR = "templates"
SITE_TEMPLATE = "index.html"
# What a new package starts from, inside the claimtrack.starting package: its schemas,
# its resources, and templates of its README, Makefile, .gitignore and archive note.
SKELETON_DIR = "skeleton"
SKELETON_RESOURCES = "resources.json"
SKELETON_GITIGNORE = "gitignore"  # a dot file would be left out of the installed package
SKELETON_ARCHIVE_NOTE = "archive.md"

# Beside a synthetic package made for the benchmark: every problem planted in it.
PLANTED = "planted.json"


def package_root(path: str | Path = ".") -> Path:
    """The package folder: ``path`` itself, or the folder of a datapackage.json given directly."""
    root = Path(path)
    if root.name == DESCRIPTOR:
        root = root.parent
    return root.resolve()


def charts_dir(root: Path) -> Path:
    return root / CHARTS_DIR


def chart_file(name: str, fmt: str) -> str:
    """The file a chart is written to in one of CHART_FORMATS: death_tolls.svg."""
    return f"{name}.{fmt}"


def data_dir(root: Path) -> Path:
    return root / DATA_DIR


def archive_dir(root: Path) -> Path:
    """The package's own folder of archived source texts."""
    return root / ARCHIVE_DIR


def archived_text(source_id: str) -> str:
    """The file a source's text is archived as when its row names none: daily-ledger-2024-05-02.txt."""
    return f"{source_id}.{ARCHIVED_TEXT}"


def release_zip(name: str, version: str) -> str:
    return f"{name}-{version}.zip"


def database_file(name: str) -> str:
    return f"{name}.db"


def refused_entry(root: str | Path, noun: str, stamp: str) -> Path:
    """Where the answers of a refused entry (a ``noun``: claim, source ...) typed at
    ``stamp`` (YYYYMMDD-HHMMSS) are kept."""
    return Path(root) / WORK_DIR / REFUSED_DIR / f"{noun}-{stamp}.json"
