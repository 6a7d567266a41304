"""Recordings on the video hosts the library embeds, through their
privacy-friendly players (no tracking cookies until someone presses play);
any other link is shown as a link."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

# The players' origins: the session page's Content-Security-Policy allows
# frames from these and nothing else.
EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]

_YOUTUBE_ID = re.compile(r"^[\w-]{6,20}$")


@dataclass(frozen=True)
class Recording:
    host: str
    embed_url: str
    watch_url: str


def _youtube_id(parts) -> str | None:
    host = parts.hostname or ""
    path = parts.path.strip("/").split("/")
    if host == "youtu.be":
        candidate = path[0]
    elif any(host == domain or host.endswith("." + domain)
             for domain in ("youtube.com", "youtube-nocookie.com")):  # fmt: skip
        if path[0] == "watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif path[0] in {"embed", "live", "shorts"} and len(path) > 1:
            candidate = path[1]
        else:
            return None
    else:
        return None
    return candidate if _YOUTUBE_ID.match(candidate or "") else None


_VIMEO_HASH = re.compile(r"^[0-9a-f]{6,20}$")


def _vimeo_id(parts) -> tuple[str, str] | None:
    """The video's number and, for an unlisted video, its privacy hash."""
    host = parts.hostname or ""
    if host not in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        return None
    path = [part for part in parts.path.split("/") if part]
    numbers = [n for n, part in enumerate(path) if part.isdigit()]
    if not numbers:
        return None
    after = path[numbers[0] + 1 : numbers[0] + 2]
    unlisted = after[0] if after and _VIMEO_HASH.match(after[0]) else ""
    unlisted = unlisted or parse_qs(parts.query).get("h", [""])[0]
    return path[numbers[0]], unlisted if _VIMEO_HASH.match(unlisted or "") else ""


def recording(url: str) -> Recording | None:
    """The embeddable player for a recording link, or None to show a link."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https":
        return None
    if video := _youtube_id(parts):
        watch = f"https://www.youtube.com/watch?v={video}"
        return Recording(
            host="YouTube",
            embed_url=f"https://www.youtube-nocookie.com/embed/{video}",
            watch_url=watch,
        )
    if vimeo := _vimeo_id(parts):
        video, unlisted = vimeo
        watch = f"https://vimeo.com/{video}" + (f"/{unlisted}" if unlisted else "")
        hash_query = f"h={unlisted}&" if unlisted else ""
        return Recording(
            host="Vimeo",
            embed_url=f"https://player.vimeo.com/video/{video}?{hash_query}dnt=1",
            watch_url=watch,
        )
    return None
