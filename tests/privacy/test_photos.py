"""Photos lose every piece of metadata (GPS first of all) but still look right."""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from typing import Literal

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from bot.privacy.photos import MAX_INPUT_BYTES, PhotoError, strip_metadata
from tests.photos import gps_exif

RED = (220, 20, 20)
BLUE = (20, 20, 220)
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/>secret-xmp-location</x:xmpmeta>'
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"


def two_colour_image(width: int = 60, height: int = 30) -> Image.Image:
    """Left half red, right half blue: shows which way a rotation went."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (width // 2, 0, width, height))
    return image


def with_xmp(jpeg: bytes) -> bytes:
    """Insert an XMP APP1 segment right after the JPEG start-of-image marker."""
    payload = XMP_HEADER + XMP
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def camera_jpeg() -> bytes:
    out = io.BytesIO()
    two_colour_image().save(
        out, format="JPEG", quality=95, exif=gps_exif(), comment=b"taken at Dorpsstraat 1"
    )
    return with_xmp(out.getvalue())


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_metadata_free(data: bytes) -> Image.Image:
    assert data[:3] == b"\xff\xd8\xff"
    image = decode(data)
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert len(image.getexif()) == 0
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop"):
        assert key not in image.info
    for marker in (b"Exif\x00", b"http://ns.adobe.com", b"ICC_PROFILE", b"\xff\xfe"):
        assert marker not in data  # no EXIF/XMP/ICC APPn segment, no COM segment
    return image


def close_to(pixel: object, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(int(a) - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def test_photo_error_is_a_value_error() -> None:
    assert issubclass(PhotoError, ValueError)


def test_the_test_photo_really_carries_gps_xmp_and_orientation() -> None:
    original = decode(camera_jpeg())
    exif = original.getexif()
    assert exif[ExifTags.Base.Orientation] == 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert gps[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert float(gps[ExifTags.GPS.GPSLatitude][0]) == 52.0
    assert float(gps[ExifTags.GPS.GPSLongitude][1]) == 53.0
    assert "exif" in original.info and "xmp" in original.info and "comment" in original.info
    assert original.size == (60, 30)


def test_jpeg_loses_exif_gps_xmp_and_comment() -> None:
    result = strip_metadata(camera_jpeg())
    assert_metadata_free(result)
    assert b"VoelsprietCam" not in result
    assert b"secret-xmp-location" not in result
    assert b"Dorpsstraat" not in result


def test_orientation_is_applied_to_the_pixels() -> None:
    # Orientation 6: the camera was turned; viewers rotate the 60x30 picture 90° clockwise.
    image = assert_metadata_free(strip_metadata(camera_jpeg()))
    assert image.size == (30, 60)
    # Clockwise: the left (red) half ends up on top, the right (blue) half at the bottom.
    assert close_to(image.getpixel((15, 10)), RED)
    assert close_to(image.getpixel((15, 50)), BLUE)


def test_upright_photo_keeps_its_shape() -> None:
    out = io.BytesIO()
    two_colour_image().save(out, format="JPEG", exif=gps_exif(orientation=1))
    image = assert_metadata_free(strip_metadata(out.getvalue()))
    assert image.size == (60, 30)
    assert close_to(image.getpixel((10, 15)), RED)
    assert close_to(image.getpixel((50, 15)), BLUE)


def test_png_loses_text_chunks_and_exif() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Henk de Vries")
    info.add_text("Comment", "Dorpsstraat 1, Utrecht")
    info.add_itxt("Description", "achter het buurthuis", lang="nl")
    info.add_text("zcomment", "compressed secret " * 20, zip=True)
    out = io.BytesIO()
    two_colour_image().save(out, format="PNG", pnginfo=info, exif=gps_exif())
    original = decode(out.getvalue())
    assert {"Author", "Comment", "Description", "zcomment"} <= set(original.info)

    result = strip_metadata(out.getvalue())
    image = assert_metadata_free(result)
    assert not {"Author", "Comment", "Description", "zcomment"} & set(image.info)
    for secret in (b"Henk", b"Dorpsstraat", b"buurthuis", b"secret"):
        assert secret not in result
    assert image.size == (30, 60)  # the PNG's eXIf orientation is honoured too


def test_transparent_png_becomes_white_background() -> None:
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    image.paste((*BLUE, 255), (0, 0, 10, 20))
    out = io.BytesIO()
    image.save(out, format="PNG")
    result = assert_metadata_free(strip_metadata(out.getvalue()))
    assert close_to(result.getpixel((15, 10)), (255, 255, 255))
    assert close_to(result.getpixel((4, 10)), BLUE)


def test_palette_and_sixteen_bit_png_are_converted() -> None:
    palette = two_colour_image().convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    out = io.BytesIO()
    palette.save(out, format="PNG")
    result = assert_metadata_free(strip_metadata(out.getvalue()))
    assert close_to(result.getpixel((10, 15)), RED)

    grey = Image.new("I;16", (10, 10), 40000)
    out = io.BytesIO()
    grey.save(out, format="PNG")
    result = assert_metadata_free(strip_metadata(out.getvalue()))
    assert close_to(result.getpixel((5, 5)), (156, 156, 156), tolerance=3)


def test_webp_is_accepted() -> None:
    out = io.BytesIO()
    two_colour_image().save(out, format="WEBP", exif=gps_exif(orientation=1), xmp=XMP)
    result = strip_metadata(out.getvalue())
    assert_metadata_free(result)
    assert b"secret-xmp-location" not in result


def test_icc_profile_is_applied_and_dropped() -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    two_colour_image().save(out, format="JPEG", quality=95, icc_profile=profile)
    assert "icc_profile" in decode(out.getvalue()).info
    image = assert_metadata_free(strip_metadata(out.getvalue()))
    assert close_to(image.getpixel((10, 15)), RED)


def test_broken_icc_profile_is_ignored() -> None:
    out = io.BytesIO()
    two_colour_image().save(out, format="JPEG", icc_profile=b"not a colour profile" * 10)
    image = assert_metadata_free(strip_metadata(out.getvalue()))
    assert close_to(image.getpixel((50, 15)), BLUE)


def test_oversized_image_is_downscaled_keeping_aspect_ratio() -> None:
    out = io.BytesIO()
    two_colour_image(3000, 1500).save(out, format="JPEG", exif=gps_exif(orientation=1))
    image = assert_metadata_free(strip_metadata(out.getvalue()))
    assert image.size == (2048, 1024)

    image = assert_metadata_free(strip_metadata(out.getvalue(), max_side=100))
    assert image.size == (100, 50)
    assert close_to(image.getpixel((10, 25)), RED)
    assert close_to(image.getpixel((90, 25)), BLUE)


def test_oversized_rotated_image_is_downscaled_after_rotation() -> None:
    out = io.BytesIO()
    two_colour_image(3000, 1500).save(out, format="JPEG", exif=gps_exif(orientation=6))
    image = assert_metadata_free(strip_metadata(out.getvalue(), max_side=600))
    assert image.size == (300, 600)


def test_small_image_is_not_upscaled() -> None:
    image = assert_metadata_free(strip_metadata(camera_jpeg(), max_side=4096))
    assert image.size == (30, 60)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"this is not an image at all",
        bytes(range(256)) * 10,
        b"\xff\xd8\xff\xe0" + b"\x00" * 50,  # a JPEG header and nothing behind it
    ],
)
def test_garbage_is_a_photo_error(data: bytes) -> None:
    with pytest.raises(PhotoError):
        strip_metadata(data)


def test_truncated_jpeg_is_a_photo_error() -> None:
    out = io.BytesIO()
    two_colour_image(400, 300).save(out, format="JPEG")
    with pytest.raises(PhotoError):
        strip_metadata(out.getvalue()[: len(out.getvalue()) // 2])


def test_other_image_formats_are_refused() -> None:
    for fmt in ("GIF", "BMP", "TIFF"):
        out = io.BytesIO()
        two_colour_image().save(out, format=fmt)
        with pytest.raises(PhotoError):
            strip_metadata(out.getvalue())


def test_too_many_bytes_is_a_photo_error() -> None:
    with pytest.raises(PhotoError, match="bytes"):
        strip_metadata(b"\xff\xd8\xff" + b"\x00" * MAX_INPUT_BYTES)


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims huge dimensions: a decompression bomb's calling card."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_too_many_pixels_is_refused_before_decoding() -> None:
    # 8000 x 8000 = 64 megapixels: above our 50 MP limit, below Pillow's own warning level.
    with pytest.raises(PhotoError, match="pixels"):
        strip_metadata(png_header_only(8000, 8000))


def test_pillow_decompression_bomb_error_is_a_photo_error() -> None:
    # 20000 x 20000 = 400 megapixels: Pillow itself refuses to open it.
    with pytest.raises(PhotoError):
        strip_metadata(png_header_only(20000, 20000))


@pytest.mark.parametrize("action", ["ignore", "error"])
def test_pillow_decompression_bomb_warning_range_is_a_photo_error(
    action: Literal["ignore", "error"],
) -> None:
    # 9500 x 9500 = 90 megapixels: Pillow warns; where warnings are errors it raises them.
    with warnings.catch_warnings():
        warnings.simplefilter(action, Image.DecompressionBombWarning)
        with pytest.raises(PhotoError):
            strip_metadata(png_header_only(9500, 9500))


def test_max_side_must_be_positive() -> None:
    with pytest.raises(ValueError):
        strip_metadata(camera_jpeg(), max_side=0)
