"""QR codes as inline SVG data URIs, so a printed slip needs no image files, no network and no script."""

import base64
import io

import qrcode
import qrcode.image.svg


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
