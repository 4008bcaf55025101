//! Strips what a photo says besides its picture before an attachment is stored: a phone's
//! JPEG carries the place it was taken (EXIF GPS), the device and often the owner's name,
//! and officials forward attachments beyond the enterprise that sent them.
//!
//! The containers are read and written by `img-parts`; only metadata segments and chunks
//! are dropped, so the compressed picture is kept byte for byte and nothing is re-encoded.
//! One consequence: a JPEG that relied on its EXIF orientation shows unrotated.

use axum::body::Bytes;
use img_parts::jpeg::{markers, Jpeg};
use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::ImageEXIF;

/// JPEG's APP2 segments that hold a colour profile (kept: without it colours shift).
const ICC_PREFIX: &[u8] = b"ICC_PROFILE\0";
/// PNG's metadata chunks: EXIF, and text in its three encodings (Author, GPS, comments…).
const PNG_METADATA: [[u8; 4]; 4] = [*b"eXIf", *b"tEXt", *b"iTXt", *b"zTXt"];
/// WebP's XMP chunk; its EXIF goes through `img-parts`, which also clears the flag.
const WEBP_XMP: [u8; 4] = *b"XMP ";

/// `content` without its metadata if it is a JPEG, PNG or WebP image (by `content_type`),
/// else as it came. An image that cannot be read is refused rather than stored with its
/// metadata.
pub fn strip(content_type: &str, content: Bytes) -> Result<Bytes, img_parts::Error> {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "image/jpeg" => {
            let mut jpeg = Jpeg::from_bytes(content)?;
            jpeg.segments_mut().retain(|segment| keeps(segment.marker(), segment.contents()));
            Ok(jpeg.encoder().bytes())
        }
        "image/png" => {
            let mut png = Png::from_bytes(content)?;
            png.chunks_mut().retain(|chunk| !PNG_METADATA.contains(&chunk.kind()));
            Ok(png.encoder().bytes())
        }
        "image/webp" => {
            let mut webp = WebP::from_bytes(content)?;
            webp.remove_chunks_by_id(WEBP_XMP);
            webp.set_exif(None);
            Ok(webp.encoder().bytes())
        }
        _ => Ok(content),
    }
}

/// Whether a JPEG segment before the picture is kept: everything that decodes the picture
/// (frame, tables, scans), JFIF (APP0), colour profiles (APP2 ICC) and Adobe's colour
/// transform (APP14); not EXIF and XMP (APP1), IPTC (APP13), other application data or
/// comments.
fn keeps(marker: u8, contents: &[u8]) -> bool {
    match marker {
        markers::APP0 | markers::APP14 => true,
        markers::APP2 => contents.starts_with(ICC_PREFIX),
        markers::APP1..=markers::APP15 | markers::COM => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG segment: marker, length (which counts itself), contents.
    fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
        let length = u16::try_from(contents.len() + 2).unwrap().to_be_bytes();
        [&[0xFF, marker][..], &length, contents].concat()
    }

    /// The smallest shape of a JPEG: SOI, the given segments, a frame header and a scan of
    /// four entropy-coded bytes, EOI. Decoders need more; the container is what matters here.
    fn jpeg(segments: &[Vec<u8>]) -> Vec<u8> {
        let frame = segment(markers::SOF0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
        let scan = segment(markers::SOS, &[1, 1, 0, 0, 63, 0]);
        [vec![0xFF, markers::SOI], segments.concat(), frame, scan, vec![0x12, 0xFF, 0x00, 0x34, 0xFF, markers::EOI]]
            .concat()
    }

    #[test]
    fn a_jpeg_loses_exif_xmp_iptc_and_comments_and_keeps_jfif_icc_adobe_and_the_scan() {
        let jfif = segment(markers::APP0, b"JFIF\0\x01\x02\0\0\x01\0\x01\0\0");
        let icc = segment(markers::APP2, b"ICC_PROFILE\0\x01\x01profile");
        let adobe = segment(markers::APP14, b"Adobe\0\x64\0\0\0\0\x01");
        let exif = segment(markers::APP1, b"Exif\0\0MM\0*GPSLatitude 30.5052");
        let xmp = segment(markers::APP1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>");
        let mpf = segment(markers::APP2, b"MPF\0II*\0");
        let iptc = segment(markers::APP13, b"Photoshop 3.0\08BIM");
        let comment = segment(markers::COM, b"taken by Zhang San");
        let original = jpeg(&[jfif.clone(), exif, xmp, icc.clone(), mpf, iptc, adobe.clone(), comment]);
        let stripped = strip("image/jpeg", Bytes::from(original)).unwrap();
        assert_eq!(stripped.to_vec(), jpeg(&[jfif, icc, adobe]));
    }

    /// A PNG chunk as written: length, type, data and CRC.
    fn chunk(kind: &[u8; 4], data: &'static [u8]) -> Vec<u8> {
        img_parts::png::PngChunk::new(*kind, Bytes::from_static(data)).encoder().bytes().to_vec()
    }

    fn png(chunks: &[Vec<u8>]) -> Vec<u8> {
        [b"\x89PNG\r\n\x1a\n".to_vec(), chunks.concat()].concat()
    }

    #[test]
    fn a_png_loses_its_text_and_exif_chunks_and_keeps_the_rest() {
        let header = chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        let (colour, pixels, end) = (chunk(b"sRGB", &[0]), chunk(b"IDAT", b"pixels"), chunk(b"IEND", b""));
        let metadata = [
            chunk(b"tEXt", b"Author\0Zhang San"),
            chunk(b"iTXt", b"GPS\0\0\0\0\x0030.5052"),
            chunk(b"zTXt", b"Comment\0\0x"),
            chunk(b"eXIf", b"MM\0*"),
        ];
        let original =
            png(&[&[header.clone(), colour.clone()][..], &metadata, &[pixels.clone(), end.clone()]].concat());
        let stripped = strip("image/png", Bytes::from(original)).unwrap();
        assert_eq!(stripped.to_vec(), png(&[header, colour, pixels, end]));
    }

    #[test]
    fn other_types_pass_unchanged_and_unreadable_images_are_refused() {
        let text = Bytes::from_static(b"Exif GPS in a text file is the sender's business");
        assert_eq!(strip("text/plain; charset=utf-8", text.clone()).unwrap(), text);
        assert!(strip("image/jpeg", Bytes::from_static(b"not a jpeg")).is_err());
        assert!(strip("Image/PNG", Bytes::from_static(b"\x89PNG\r\n\x1a\n\0\0")).is_err());
    }
}
