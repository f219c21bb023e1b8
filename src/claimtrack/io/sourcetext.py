"""A source's text, from what a journalist has of it: a plain-text file, a saved web
page, or the page's http(s) address.

A plain-text file is taken as it is, byte for byte, once it is known to be UTF-8
text. From a web page only the article's main text is kept: trafilatura drops the
navigation, the footer, the comments and the rest of the page around it. An
address is fetched with the standard library, with a time limit, and read as the
server says it is: a page or plain text. Whatever comes in, what goes out is UTF-8
text ending with a line break; anything else is a NotArchivable error saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from claimtrack import __version__
from claimtrack.io import textfile
from claimtrack.model import paths

FETCH_TIMEOUT = 30.0  # seconds to wait for a web address to answer
MAX_BYTES = 20 * 1024 * 1024  # no article is larger; a larger answer is not one
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_WEB_SCHEMES = ("http://", "https://")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# How a page announces itself in its first bytes, whatever its file is called.
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


class NotArchivable(ValueError):
    """What was given cannot give a text to archive; the message says why."""


@dataclass(frozen=True)
class SourceText:
    """The text to archive, and how it was had."""

    data: bytes  # UTF-8, ending with a line break
    how: str  # in words: "copied as is", "the page's main text, extracted by trafilatura"
    # A plain-text file's bytes exactly as they are, when they lack the final line
    # break ``data`` adds: the very text a source's row may already record.
    exact: bytes | None = None

    @property
    def text(self) -> str:
        return textfile.decode(self.data)


def is_address(where: str) -> bool:
    return bool(_URL.match(where))


def read_source(where: str, timeout: float = FETCH_TIMEOUT) -> SourceText:
    """The text of the file or the http(s) address ``where``."""
    if is_address(where):
        if not where.lower().startswith(_WEB_SCHEMES):
            raise NotArchivable(f"{where}: only http and https addresses are fetched")
        return _from_address(where, timeout)
    path = Path(where)
    if path.is_dir():
        raise NotArchivable(f"{where} is a folder, not a file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotArchivable(f"{where}: there is no such file") from None
    except OSError as error:
        raise NotArchivable(f"{where} cannot be read: {error.strerror}") from None
    if path.suffix.lower() in paths.WEB_PAGE_SUFFIXES or looks_like_html(data):
        return from_html(data, where)
    return from_text(data, where)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data.removeprefix(textfile.BOM)[:4096]))


def from_text(data: bytes, name: str) -> SourceText:
    """A plain-text file's bytes, as they are, with a final line break if they lack one."""
    try:
        text = textfile.text_of(data)
    except textfile.NotText as error:
        raise NotArchivable(f"{name} {error}; save it as UTF-8 text") from None
    if not text.strip():
        raise NotArchivable(f"{name} is empty: there is no text to archive")
    if data.endswith((b"\n", b"\r")):
        return SourceText(data, "copied as is")
    return SourceText(data + b"\n", "copied as is", exact=data)


def from_html(data: bytes | str, name: str, url: str | None = None) -> SourceText:
    """The main text of a web page, as trafilatura finds it."""
    if isinstance(data, bytes):
        if textfile.utf16(data):
            raise NotArchivable(f"{name} is saved as UTF-16; save the page as UTF-8")
        nul = textfile.nul_byte(data)
        if nul is not None:
            raise NotArchivable(f"{name} is not a web page: it holds a NUL byte at offset {nul.offset}")
    text = _main_text(data, url)
    if not text:
        raise NotArchivable(
            f"no article text could be found in {name}: it may be a page of links, or need a browser to show "
            "its text; copy the article's text into a .txt file and archive that"
        )
    return SourceText((text + "\n").encode("utf-8"), "the page's main text, extracted by trafilatura")


def _main_text(data: bytes | str, url: str | None) -> str:
    # trafilatura is imported here, only when a page is read: it takes a tenth of a
    # second and more to import, which no other command should pay.
    import logging

    import trafilatura

    logger = logging.getLogger("trafilatura")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # what it logs of a page it cannot read, the error here says
    try:
        text = trafilatura.extract(
            data, url=url, output_format="txt", include_comments=False, include_images=False, with_metadata=False
        )
    finally:
        logger.setLevel(level)
    lines = [line.rstrip() for line in (text or "").strip().splitlines()]
    return "\n".join(lines)


def _from_address(url: str, timeout: float) -> SourceText:
    data, content_type, charset, final = fetch(url, timeout)
    if content_type in _HTML_TYPES or (content_type not in ("text/plain",) and looks_like_html(data)):
        page = data
        if charset:
            try:
                page = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                page = data  # a wrong charset: trafilatura finds the page's own
        return from_html(page, url, final)
    if content_type == "text/plain":
        if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii", "ascii"):
            try:
                data = data.decode(charset).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                raise NotArchivable(f"{url} says its text is {charset}, but it cannot be read as such") from None
        return from_text(data, url)
    raise NotArchivable(f"{url} is {content_type}, not a web page or plain text")


def fetch(url: str, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str, str | None, str]:
    """The body of ``url``, its content type and charset, and the address it came from
    after any redirect."""
    import http.client
    import socket
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"claimtrack/{__version__} (archiving a source's text)",
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            final = response.geturl()
            if not final.lower().startswith(_WEB_SCHEMES):
                raise NotArchivable(f"{url} sent us on to {final}: only http and https addresses are fetched")
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        raise NotArchivable(f"{url} answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise NotArchivable(f"{url} did not answer within {timeout:g} seconds") from None
        raise NotArchivable(f"{url} could not be fetched: {error.reason}") from None
    except (TimeoutError, socket.timeout):
        raise NotArchivable(f"{url} did not answer within {timeout:g} seconds") from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise NotArchivable(f"{url} could not be fetched: {error}") from None
    if len(data) > MAX_BYTES:
        raise NotArchivable(f"{url} sent more than {MAX_BYTES // (1024 * 1024)} MB: that is not an article")
    return data, content_type, charset, final
