"""Where things live in a package folder. Every other module asks here."""

from __future__ import annotations

from pathlib import Path

DESCRIPTOR = "datapackage.json"
DATA_DIR = "data"
SCHEMAS_DIR = "schemas"
CHARTS_DIR = "charts"
CHART_MANIFEST = "manifest.json"


def package_root(path: str | Path = ".") -> Path:
    """The package folder: ``path`` itself, or the folder of a datapackage.json given directly."""
    root = Path(path)
    if root.name == DESCRIPTOR:
        root = root.parent
    return root.resolve()


def descriptor_path(root: Path) -> Path:
    return root / DESCRIPTOR


def charts_dir(root: Path) -> Path:
    return root / CHARTS_DIR


def data_dir(root: Path) -> Path:
    return root / DATA_DIR
