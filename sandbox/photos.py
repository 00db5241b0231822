"""What Telegram makes of a picture sent as a photo: checked against Telegram's limits, measured,
and offered in sizes (PhotoSize), smallest first; the largest is the original."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

# sendPhoto: "The photo must be at most 10 MB in size. The photo's width and height must not
# exceed 10000 in total. Width and height ratio must be at most 20."
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_SIDES_TOTAL = 10_000
MAX_RATIO = 20
FORMATS = ("JPEG", "PNG", "WEBP")  # what the apps send as a photo; the rest goes as a file
THUMBNAIL_SIDE = 320  # Telegram's "m" size; the stand-in makes only this one besides the original


class PhotoRefused(ValueError):
    """Not a photo Telegram would take. `code` is Telegram's error for bots (sendPhoto);
    the message says why in words, for the control API."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Size:
    data: bytes
    width: int
    height: int


def sizes(data: bytes) -> list[Size]:
    """The sizes Telegram offers for this picture, smallest first; PhotoRefused when it is
    too big, no image of an accepted format, or of impossible dimensions."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRefused(
            "PHOTO_SAVE_FILE_INVALID",
            f"the photo is {len(data)} bytes; Telegram takes photos up to {MAX_PHOTO_BYTES}",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image_format, (width, height) = image.format, image.size
    except UnidentifiedImageError:
        raise PhotoRefused("IMAGE_PROCESS_FAILED", "not an image") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused("PHOTO_INVALID_DIMENSIONS", "far too many pixels") from None
    if image_format not in FORMATS:
        raise PhotoRefused(
            "IMAGE_PROCESS_FAILED",
            f"a {image_format} image; photos are JPEG, PNG or WebP",
        )
    if width + height > MAX_SIDES_TOTAL or max(width, height) > MAX_RATIO * min(width, height):
        raise PhotoRefused(
            "PHOTO_INVALID_DIMENSIONS",
            f"{width}×{height} pixels: width and height together at most {MAX_SIDES_TOTAL}, "
            f"ratio at most {MAX_RATIO}",
        )
    original = Size(data, width, height)
    if max(width, height) <= THUMBNAIL_SIDE:
        return [original]
    try:
        return [_thumbnail(image), original]
    except (OSError, ValueError):  # truncated or damaged pixel data behind a valid header
        raise PhotoRefused("IMAGE_PROCESS_FAILED", "a damaged image") from None


def _thumbnail(image: Image.Image) -> Size:
    image.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))  # JPEG: decode at a fraction of the size
    small = image.convert("RGB")
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    out = io.BytesIO()
    small.save(out, "JPEG", quality=80)
    return Size(out.getvalue(), small.width, small.height)
