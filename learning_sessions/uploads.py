"""Checks on the files organisers upload to a session: slides (PDF or a
presentation) and captions (WebVTT). A file is judged by what it holds, not by
its name: a renamed program is refused whatever it is called."""

import io

import filetype
import webvtt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from webvtt.errors import MalformedFileError

# The media type each stored extension is served as: the slide types accepted,
# keyed by the extension their content must match, and the captions.
SLIDE_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "ppt": "application/vnd.ms-powerpoint",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
CAPTIONS_TYPE = "text/vtt"
MEDIA_TYPES = {**SLIDE_TYPES, "vtt": CAPTIONS_TYPE}


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""


def _too_big(upload, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(upload.size)}; the largest accepted is "
            f"{filesizeformat(limit)}."
        )


def _head(upload, size: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def check_slides(upload) -> str:
    """The slides' type (an extension in SLIDE_TYPES), or ValidationError. The
    upload is renamed after what it holds: slides.pdf, slides.pptx ..."""
    _too_big(upload, settings.SESSION_SLIDES_MAX_BYTES)
    kind = filetype.guess(_head(upload))
    if kind is None or kind.extension not in SLIDE_TYPES:
        raise ValidationError(
            "This file is not a PDF or a presentation (PowerPoint or OpenDocument), "
            "whatever its name says."
        )
    named = extension(upload.name)
    if named and named != kind.extension:
        raise ValidationError(
            f"This file is named .{named} but holds a {kind.extension.upper()} file. "
            "Rename it or upload the file you meant."
        )
    upload.name = f"slides.{kind.extension}"
    return kind.extension


def read_captions(upload) -> list[dict]:
    """The cues of a WebVTT file, or ValidationError saying what is wrong. The
    upload is renamed captions.vtt, whatever it was called."""
    _too_big(upload, settings.SESSION_CAPTIONS_MAX_BYTES)
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig").replace("\x00", "")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "Captions must be a WebVTT text file in UTF-8; this one is not text."
        ) from exc
    try:
        captions = webvtt.from_buffer(io.StringIO(text))
    except MalformedFileError as exc:
        raise ValidationError(
            "This is not a WebVTT file: it must start with the line “WEBVTT” followed "
            "by timed cues such as “00:00:01.000 --> 00:00:04.000”."
        ) from exc
    cues = [
        {"start": int(caption.start_in_seconds), "speaker": caption.voice or "",
         "text": " ".join(caption.text.split())}
        for caption in captions
        if caption.text.strip()
    ]  # fmt: skip
    if not cues:
        raise ValidationError("This WebVTT file has no captions in it.")
    upload.name = "captions.vtt"
    return cues


def transcript_words(cues: list[dict]) -> str:
    """What the library searches: every cue's words, one cue a line."""
    return "\n".join(cue["text"] for cue in cues)


def clock(seconds: int) -> str:
    """A moment in a recording as people read it: 1:02, or 1:02:03."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
