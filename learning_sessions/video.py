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
    at_format: str  # the watch URL at a moment: .format(seconds=...)

    def at(self, seconds: int) -> str:
        return self.at_format.format(seconds=int(seconds))


def _youtube_id(parts) -> str | None:
    host = parts.hostname or ""
    path = parts.path.strip("/").split("/")
    if host == "youtu.be":
        candidate = path[0]
    elif host.endswith("youtube.com") or host.endswith("youtube-nocookie.com"):
        if path[0] == "watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif path[0] in {"embed", "live", "shorts"} and len(path) > 1:
            candidate = path[1]
        else:
            return None
    else:
        return None
    return candidate if _YOUTUBE_ID.match(candidate or "") else None


def _vimeo_id(parts) -> str | None:
    host = parts.hostname or ""
    if host not in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        return None
    digits = [part for part in parts.path.split("/") if part.isdigit()]
    return digits[0] if digits else None


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
            at_format=watch + "&t={seconds}s",
        )
    if video := _vimeo_id(parts):
        watch = f"https://vimeo.com/{video}"
        return Recording(
            host="Vimeo",
            embed_url=f"https://player.vimeo.com/video/{video}?dnt=1",
            watch_url=watch,
            at_format=watch + "#t={seconds}s",
        )
    return None
