//! Uploaded pictures (project covers, commission members' photos): checked by their content, not their
//! name, decoded, resized once to the width pages use, and stored as JPEG under the data folder.

use crate::{Error, Result};
use image::{DynamicImage, ImageFormat};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Largest upload accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;
/// Width covers are stored at (smaller pictures keep their size).
pub const COVER_WIDTH: u32 = 1200;
/// Width commission members' photos are stored at.
pub const PHOTO_WIDTH: u32 = 400;
/// Smallest picture accepted, in pixels per side.
pub const MIN_SIDE: u32 = 200;
/// Largest decoded picture accepted, in pixels (guards memory against "decompression bombs").
pub const MAX_PIXELS: u64 = 40_000_000;

/// What an upload is for: its form field, the folder it is stored in and the width it is resized to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// A project's cover.
    Cover,
    /// A commission member's photo.
    Photo,
    /// The photo of an implementation's progress report.
    Report,
}

impl Picture {
    /// The form field (and field of its error messages).
    pub fn field(self) -> &'static str {
        match self {
            Picture::Cover => "cover",
            Picture::Photo | Picture::Report => "photo",
        }
    }

    fn width(self) -> u32 {
        match self {
            Picture::Cover | Picture::Report => COVER_WIDTH,
            Picture::Photo => PHOTO_WIDTH,
        }
    }

    fn folder(self) -> &'static str {
        match self {
            Picture::Cover => "covers",
            Picture::Photo => "photos",
            Picture::Report => "reports",
        }
    }
}

/// Checks and converts an uploaded cover (see [`process`]).
pub fn process_cover(bytes: &[u8]) -> Result<Vec<u8>> {
    process(Picture::Cover, bytes)
}

/// Checks and converts an upload: PNG, JPEG or WebP by content, at least [`MIN_SIDE`] pixels a side, at
/// most [`MAX_UPLOAD_BYTES`]; returns it resized to at most the kind's width, as JPEG.
pub fn process(kind: Picture, bytes: &[u8]) -> Result<Vec<u8>> {
    let field = kind.field();
    if bytes.is_empty() {
        return Err(Error::field(field, "required"));
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(Error::field(field, "too_large"));
    }
    let format = image::guess_format(bytes).map_err(|_| Error::field(field, "not_image"))?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(Error::field(field, "not_image"));
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let (width, height) = reader
        .into_dimensions()
        .map_err(|_| Error::field(field, "not_image"))?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Error::field(field, "too_large"));
    }
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(Error::field(field, "too_small"));
    }
    let picture = image::load_from_memory_with_format(bytes, format)
        .map_err(|_| Error::field(field, "not_image"))?;
    let target = kind.width();
    let picture = if width > target {
        let new_height = u32::try_from(u64::from(height) * u64::from(target) / u64::from(width))
            .unwrap_or(height);
        picture.resize_exact(
            target,
            new_height.max(1),
            image::imageops::FilterType::Lanczos3,
        )
    } else {
        picture
    };
    let mut out = Vec::new();
    let rgb = DynamicImage::ImageRgb8(picture.to_rgb8());
    rgb.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut out, 85,
    ))
    .map_err(|e| Error::Internal(format!("encoding a picture: {e}")))?;
    Ok(out)
}

/// Writes `jpeg` under `<data_dir>/uploads/<covers|photos|reports>/` with a name made of `owner` and the content's
/// hash; returns its public path (`/uploads/covers/<name>.jpg`).
pub fn store(kind: Picture, data_dir: &Path, owner: &str, jpeg: &[u8]) -> Result<String> {
    let digest: String = Sha256::digest(jpeg)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let name = format!("{owner}-{digest}.jpg");
    let folder = kind.folder();
    let dir = data_dir.join("uploads").join(folder);
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::Internal(format!("cannot create {}: {e}", dir.display())))?;
    std::fs::write(dir.join(&name), jpeg)
        .map_err(|e| Error::Internal(format!("cannot write a picture: {e}")))?;
    Ok(format!("/uploads/{folder}/{name}"))
}

/// Checks, converts and stores an upload off the async threads (see [`process`] and [`store`]); returns
/// its public path.
pub async fn save(
    kind: Picture,
    upload: Vec<u8>,
    data_dir: &Path,
    owner: String,
) -> Result<String> {
    let dir = data_dir.to_owned();
    tokio::task::spawn_blocking(move || {
        let jpeg = process(kind, &upload)?;
        store(kind, &dir, &owner, &jpeg)
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        }));
        let mut out = std::io::Cursor::new(Vec::new());
        picture.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn code(result: Result<Vec<u8>>) -> &'static str {
        match result {
            Err(Error::Invalid(list)) => list[0].code,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn a_large_png_becomes_a_1200_px_jpeg() {
        let jpeg = process_cover(&png(2400, 1200)).unwrap();
        assert_eq!(image::guess_format(&jpeg).unwrap(), ImageFormat::Jpeg);
        let back = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((back.width(), back.height()), (1200, 600));
    }

    #[test]
    fn pictures_are_judged_by_content_not_name() {
        assert_eq!(
            code(process_cover(b"<svg onload=alert(1)></svg>")),
            "not_image"
        );
        assert_eq!(code(process_cover(b"GIF89a fake")), "not_image");
        let mut truncated = png(400, 300);
        truncated.truncate(100);
        assert_eq!(code(process_cover(&truncated)), "not_image");
        assert_eq!(code(process_cover(&png(100, 100))), "too_small");
        assert_eq!(
            code(process_cover(&vec![0u8; MAX_UPLOAD_BYTES + 1])),
            "too_large"
        );
        assert_eq!(code(process_cover(b"")), "required");
    }

    #[test]
    fn photos_are_400_px_wide_and_report_their_own_field() {
        let jpeg = process(Picture::Photo, &png(800, 1000)).unwrap();
        let back = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((back.width(), back.height()), (400, 500));
        match process(Picture::Photo, b"not a picture") {
            Err(Error::Invalid(list)) => assert_eq!(list[0].field, "photo"),
            other => panic!("expected a field error, got {other:?}"),
        }
    }
}
