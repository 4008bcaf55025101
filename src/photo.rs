//! Photos for a request, prepared in the browser before they are kept or sent: decoded,
//! scaled so the longest side is at most 2048 px, and re-encoded as JPEG. Re-encoding a
//! canvas writes pixels only, so EXIF, GPS and camera data are gone (the server strips
//! them again); the orientation EXIF asked for is applied by the decoder first.

use futures::channel::oneshot;
use parkatlas_core::wire::{MAX_ATTACHMENTS_PER_REQUEST, MAX_ATTACHMENT_BYTES};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, HtmlCanvasElement};

/// The longest side of a prepared photo, in pixels.
pub const LONGEST_SIDE_PX: u32 = 2048;
/// A chosen file larger than this is refused before it is decoded: a phone's camera
/// writes 3 to 12 MB, and decoding more would strain a phone's memory.
pub const MAX_SOURCE_BYTES: f64 = 30.0 * 1024.0 * 1024.0;
/// JPEG qualities tried in turn until the photo fits the server's attachment limit.
const QUALITIES: [f64; 4] = [0.85, 0.75, 0.6, 0.45];

/// A photo ready to keep and send.
#[derive(Debug, Clone)]
pub struct PreparedPhoto {
    /// The chosen file's name with a `.jpg` extension.
    pub name: String,
    pub blob: Blob,
    /// An object URL of `blob`, for the preview; revoke it when the photo is dropped.
    pub preview_url: String,
}

/// Why a chosen file cannot be attached.
#[derive(Debug, Clone, PartialEq)]
pub enum PhotoProblem {
    NotImage {
        name: String,
    },
    TooBig {
        name: String,
        megabytes: f64,
    },
    TooMany,
    /// Even at the lowest quality the JPEG exceeds the server's limit.
    StillTooLarge,
}

/// The size that fits `width × height` within `longest` pixels on its longest side,
/// keeping the proportions; never enlarged, never below one pixel.
pub fn fitted(width: u32, height: u32, longest: u32) -> (u32, u32) {
    let side = width.max(height);
    if side <= longest {
        return (width.max(1), height.max(1));
    }
    let scale = f64::from(longest) / f64::from(side);
    let scaled = |n: u32| ((f64::from(n) * scale).round() as u32).clamp(1, longest);
    (scaled(width), scaled(height))
}

/// The name a prepared photo is sent under: the chosen name with a `.jpg` extension.
pub fn jpeg_name(chosen: &str) -> String {
    let stem = chosen.rsplit_once('.').map_or(chosen, |(stem, _)| stem).trim();
    let stem: String = stem.chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\')).take(100).collect();
    format!("{}.jpg", if stem.is_empty() { "photo" } else { stem.as_str() })
}

/// Checks `file` and prepares it, the `already`-th photo of the request.
pub async fn prepare(file: File, already: usize) -> Result<PreparedPhoto, PhotoProblem> {
    let name = file.name();
    if already >= MAX_ATTACHMENTS_PER_REQUEST {
        return Err(PhotoProblem::TooMany);
    }
    if !file.type_().starts_with("image/") {
        return Err(PhotoProblem::NotImage { name });
    }
    if file.size() > MAX_SOURCE_BYTES {
        return Err(PhotoProblem::TooBig { name, megabytes: (file.size() / 1024.0 / 1024.0 * 10.0).round() / 10.0 });
    }
    let not_image = || PhotoProblem::NotImage { name: name.clone() };
    let window = web_sys::window().ok_or_else(not_image)?;
    let decoding = window.create_image_bitmap_with_blob(&file).map_err(|_| not_image())?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(decoding).await.map_err(|_| not_image())?.unchecked_into();
    let (width, height) = fitted(bitmap.width(), bitmap.height(), LONGEST_SIDE_PX);
    let canvas: HtmlCanvasElement =
        window.document().and_then(|d| d.create_element("canvas").ok()).ok_or_else(not_image)?.unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok().flatten().ok_or_else(not_image)?.unchecked_into();
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(width), f64::from(height))
        .map_err(|_| not_image())?;
    bitmap.close();
    for quality in QUALITIES {
        let blob = encode(&canvas, quality).await.ok_or_else(not_image)?;
        if blob.size() <= MAX_ATTACHMENT_BYTES as f64 {
            let preview_url = web_sys::Url::create_object_url_with_blob(&blob).unwrap_or_default();
            return Ok(PreparedPhoto { name: jpeg_name(&name), blob, preview_url });
        }
    }
    Err(PhotoProblem::StillTooLarge)
}

/// The canvas as a JPEG of `quality` (0 to 1).
async fn encode(canvas: &HtmlCanvasElement, quality: f64) -> Option<Blob> {
    let (sender, receiver) = oneshot::channel::<Option<Blob>>();
    let mut sender = Some(sender);
    let callback = Closure::<dyn FnMut(Option<Blob>)>::new(move |blob: Option<Blob>| {
        if let Some(sender) = sender.take() {
            let _ = sender.send(blob);
        }
    });
    canvas
        .to_blob_with_type_and_encoder_options(callback.as_ref().unchecked_ref(), "image/jpeg", &JsValue::from(quality))
        .ok()?;
    let blob = receiver.await.ok().flatten();
    drop(callback);
    blob
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_photo_is_scaled_to_2048_on_its_longest_side() {
        assert_eq!(fitted(4032, 3024, 2048), (2048, 1536));
        assert_eq!(fitted(3024, 4032, 2048), (1536, 2048));
        assert_eq!(fitted(8000, 100, 2048), (2048, 26));
    }

    #[test]
    fn a_small_photo_is_never_enlarged() {
        assert_eq!(fitted(800, 600, 2048), (800, 600));
        assert_eq!(fitted(2048, 2048, 2048), (2048, 2048));
        assert_eq!(fitted(0, 0, 2048), (1, 1));
    }

    #[test]
    fn prepared_photos_are_named_as_jpegs_without_folders() {
        assert_eq!(jpeg_name("IMG_2041.HEIC"), "IMG_2041.jpg");
        assert_eq!(jpeg_name("厂区围墙破损.png"), "厂区围墙破损.jpg");
        assert_eq!(jpeg_name("a/b\\c.jpeg"), "abc.jpg");
        assert_eq!(jpeg_name(".png"), "photo.jpg");
    }
}
