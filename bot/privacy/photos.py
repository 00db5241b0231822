"""Make a volunteer's photo safe to store and forward: pixels only, no metadata.

``strip_metadata`` decodes a JPEG, PNG or WebP, turns it upright according to its EXIF
orientation, converts it to sRGB, scales it down to at most ``max_side`` pixels on the long side
and re-encodes it as a baseline JPEG. The result carries no metadata at all: no EXIF (so no GPS
position, camera serial or capture time), no XMP, no IPTC, no comments, no PNG text chunks and
no ICC profile. Colour is kept by converting pixels from an embedded ICC profile to sRGB first
(the JPEG default that viewers assume without a profile); if that profile cannot be used, the
pixels are kept as they are, which may look slightly less saturated for wide-gamut photos.

Untrusted input is bounded before decoding: at most ``MAX_INPUT_BYTES`` of data and
``MAX_PIXELS`` pixels (checked from the header, before any pixel is decoded, so decompression
bombs are refused without allocating their memory). Pillow's own process-wide
``Image.MAX_IMAGE_PIXELS`` is left alone; its ``DecompressionBombError`` (and its
``DecompressionBombWarning`` where warnings are turned into errors) is reported as
``PhotoError`` too. For 89-179 megapixel headers Pillow still emits that warning first.
Only the first frame of animated images is kept; transparent areas become white.

The function is CPU-bound and synchronous; call it through ``asyncio.to_thread`` from handlers.
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

__all__ = ["MAX_INPUT_BYTES", "MAX_PIXELS", "PhotoError", "strip_metadata"]

MAX_INPUT_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 85
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
_BACKGROUND = (255, 255, 255)


class PhotoError(ValueError):
    """The data is not an acceptable image (not an image, unsupported, damaged or too large)."""


def strip_metadata(data: bytes, max_side: int = 2048) -> bytes:
    """Return ``data`` re-encoded as a metadata-free JPEG no larger than ``max_side`` per side.

    Raises PhotoError for input that is not a JPEG/PNG/WebP image, is damaged, is larger than
    ``MAX_INPUT_BYTES`` or has more than ``MAX_PIXELS`` pixels; ValueError for ``max_side < 1``.
    Images are only scaled down, never up. Transparent areas become white.
    """
    if max_side < 1:
        raise ValueError(f"max_side must be >= 1, got {max_side}")
    if len(data) > MAX_INPUT_BYTES:
        raise PhotoError(f"photo is {len(data)} bytes, more than {MAX_INPUT_BYTES}")
    if not data:
        raise PhotoError("photo is empty")
    try:
        upright, icc_profile = _decode_upright(data, max_side)
        rgb = _to_rgb(_to_srgb(upright, icc_profile))
        rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # The warning (89-179 megapixels) only arrives here where warnings are errors;
        # elsewhere Pillow merely warns and our own MAX_PIXELS check refuses the image.
        raise PhotoError(f"photo is too large: {error}") from error
    except UnidentifiedImageError as error:
        raise PhotoError("data is not a JPEG, PNG or WebP image") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        # Pillow reports damaged or truncated files with any of these.
        raise PhotoError(f"photo cannot be decoded: {error}") from error

    # A fresh image holds the pixels and nothing else: Pillow copies some entries of
    # ``Image.info`` (such as a JPEG comment) into saved files unless told otherwise.
    clean = Image.new("RGB", rgb.size)
    clean.paste(rgb)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _decode_upright(data: bytes, max_side: int) -> tuple[Image.Image, bytes | None]:
    """The decoded image turned upright per its EXIF orientation, and its ICC profile if any."""
    with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as image:
        width, height = image.size
        if width < 1 or height < 1:
            raise PhotoError(f"photo has no pixels ({width}x{height})")
        if width * height > MAX_PIXELS:
            raise PhotoError(f"photo is {width}x{height}, more than {MAX_PIXELS} pixels")
        if image.format == "JPEG":
            # Let libjpeg decode at a reduced scale (1/2 .. 1/8) when that still leaves at
            # least max_side pixels per side: far less memory and time for big camera photos.
            image.draft(None, (max_side, max_side))
        image.load()
        icc_profile = image.info.get("icc_profile")
        # Always a new image (a copy when there is nothing to turn), valid after closing.
        upright = ImageOps.exif_transpose(image)
    return upright, icc_profile if isinstance(icc_profile, bytes) and icc_profile else None


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Pixels converted from the embedded colour profile to sRGB; unchanged if that fails."""
    if icc_profile is None:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        srgb = ImageCms.createProfile("sRGB")
        output_mode = "RGBA" if _has_alpha(image) else "RGB"
        converted = ImageCms.profileToProfile(image, source, srgb, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken profile, or one that does not fit the pixel mode: keep the pixels as they are.
        return image
    return image if converted is None else converted


def _to_rgb(image: Image.Image) -> Image.Image:
    """8-bit RGB; 16-bit grey is scaled down rather than clipped, transparency becomes white."""
    if image.mode.startswith("I"):
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        flattened = Image.new("RGB", rgba.size, _BACKGROUND)
        flattened.paste(rgba, mask=rgba.getchannel("A"))
        return flattened
    return image if image.mode == "RGB" else image.convert("RGB")
