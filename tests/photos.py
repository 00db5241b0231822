"""Photos as phones send them: EXIF orientation, camera make and a GPS position."""

from __future__ import annotations

import io

from PIL import ExifTags, Image

PHOTO_FILE_ID = "AgACAgQAAxk"  # what tests.payloads.photo_update sends


def gps_exif(orientation: int = 6) -> Image.Exif:
    """EXIF as a phone writes it: orientation, camera make, time and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "VoelsprietCam"
    exif[ExifTags.Base.DateTime] = "2026:03:02 10:00:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 40.25)
    return exif


def gps_jpeg() -> bytes:
    """A small JPEG carrying that EXIF, GPS position included."""
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 40, 40)).save(buffer, "JPEG", exif=gps_exif(1).tobytes())
    return buffer.getvalue()
