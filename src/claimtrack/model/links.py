"""Source addresses read strictly, the way a browser would, and the host a reader is sent to.

A link that shows one site and leads to another is the trick to refuse: a user part
before ``@`` (``https://evil.example\\@www.themoscowtimes.com/`` goes to evil.example,
as a browser reads a backslash as ``/``), and a host name spelt in letters of another
script that look the same (``themoscowtіmes.com`` with a Cyrillic і, or its punycode
``xn--`` form). A source's address is http or https, to a host of ASCII letters,
digits, hyphens and dots, with no user part, no backslash, no space and no control
character.
"""

from __future__ import annotations

import re
import urllib.parse

# A host name: dot-separated labels of ASCII letters, digits and hyphens, no label
# starting or ending with a hyphen, an optional port.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST = rf"{_LABEL}(?:\.{_LABEL})*\.?(?::[0-9]{{1,5}})?"
# A whole address the rule lets through at once, in syntax both Python's re and RE2
# read; the few cells it does not are explained by ``problem``.
STRICT = rf"(?i:https?)://{HOST}(?:[/?#][^\\\s\x00-\x1f\x7f-\x9f]*)?"
_STRICT = re.compile(STRICT)
# A host with a label in punycode, in a whole address (RE2 and re alike).
PUNYCODE = r"^(?i:https?)://(?:[^/?#]*[.@])?(?i:xn--)"
_PUNYCODE = re.compile(r"(?:^|\.)xn--", flags=re.IGNORECASE)


def problem(url: str) -> str | None:
    """What makes ``url`` a deceptive or malformed source address, or None when it is fine."""
    if "\\" in url:
        return "holds a backslash, which a browser reads as / (so the link may lead elsewhere than it reads): write the address with / only"
    if re.search(r"[\s\x00-\x1f\x7f-\x9f]", url):
        return "holds a space or a control character: copy the address from the browser's address bar"
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https"):
        return "is not an http:// or https:// address"
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority:
        user = authority.rpartition("@")[0]
        return (
            f"names a user part ({user!r}) before @: a reader sees the host after it, but the text before it "
            "can make the link read as another site; give the address without it"
        )
    host = authority.rsplit(":", 1)[0] if re.fullmatch(r".*:[0-9]+", authority) else authority
    if _PUNYCODE.search(host) or any(ord(c) > 127 for c in host):
        shown = f"'{host}'" if host.isascii() else f"'{host}' ('{_ascii(host)}' in ASCII)"
        return (
            f"has the host {shown}, an internationalised name (in letters beyond ASCII, or their xn-- form), which can "
            "imitate another site's name letter for letter; give the site's own ASCII address"
        )
    if not _STRICT.fullmatch(url):
        return "has a host that is not a name of ASCII letters, digits, hyphens and dots"
    return None


def _ascii(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host.encode("ascii", "backslashreplace").decode("ascii")


def host(url: str) -> str:
    """The host a link to ``url`` leads to, as a reader knows it: lower case, without
    ``www.`` or a port ("themoscowtimes.com")."""
    name = (urllib.parse.urlsplit(url).hostname or "").rstrip(".")
    return name.removeprefix("www.")
