"""Take the README's pictures of the published site at a phone's width.

Publishes the package into a scratch folder, opens the site in headless Chromium
(Debian's, as the browser tests use) 390 px wide, waits for every chart to be drawn,
and writes docs/site-phone.png: the top of the page, with its first chart. Run from
the repository root:  .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "site-phone.png"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        dist = Path(scratch) / "dist"
        subprocess.run([sys.executable, "-m", "claimtrack", "publish", "--out", str(dist)], cwd=ROOT, check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 390, "height": 1600}, device_scale_factor=2)
            page.goto((dist / "site" / "index.html").as_uri())
            page.wait_for_selector(".chart-view[data-rendered]", timeout=60_000)
            OUT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(OUT))
            browser.close()
    print(f"Wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
