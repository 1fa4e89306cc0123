//! `crowd precompress <dir>`: writes `name.br` (brotli, quality 11) and `name.gz` (gzip, level 9) next to
//! every `.wasm`, `.js` and `.css` file under `dir`. The server then sends `/pkg` files precompressed by
//! content negotiation (`Accept-Encoding`), at the best ratio, without compressing them again for every
//! download (on the fly, the compression layer uses a fast level). `make build` runs it after
//! `cargo leptos build`; files already compressed and newer than their source are left as they are.

use crate::CliError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One file compressed: its path and its sizes (plain, brotli, gzip) in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compressed {
    /// The source file.
    pub path: PathBuf,
    /// Its size.
    pub plain: u64,
    /// The size of `path.br`.
    pub brotli: u64,
    /// The size of `path.gz`.
    pub gzip: u64,
}

/// Whether `path` is a kind of file worth precompressing.
fn wanted(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("wasm" | "js" | "css")
    )
}

/// `path` with `suffix` appended to its whole name (`a.js` → `a.js.br`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether `compressed` exists and is at least as new as `source`.
fn fresh(source: &Path, compressed: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(source), modified(compressed)), (Some(s), Some(c)) if c >= s)
}

/// Compresses one file both ways (unless both are fresh).
fn compress(path: &Path) -> Result<Compressed, CliError> {
    let (br, gz) = (with_suffix(path, ".br"), with_suffix(path, ".gz"));
    let plain = std::fs::read(path)?;
    if !(fresh(path, &br) && fresh(path, &gz)) {
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 24,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut plain.as_slice(), &mut brotli, &params)?;
        std::fs::write(&br, brotli)?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&plain)?;
        std::fs::write(&gz, gzip.finish()?)?;
    }
    Ok(Compressed {
        path: path.to_owned(),
        plain: plain.len() as u64,
        brotli: std::fs::metadata(&br)?.len(),
        gzip: std::fs::metadata(&gz)?.len(),
    })
}

/// Precompresses every wanted file directly in `dir`, largest first, telling `progress` about each one
/// as it is done (`done` of `total`).
pub fn run(
    dir: &Path,
    progress: &dyn Fn(usize, usize, &Compressed),
) -> Result<Vec<Compressed>, CliError> {
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && wanted(path))
        .map(|path| (std::fs::metadata(&path).map_or(0, |m| m.len()), path))
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let total = files.len();
    let mut done = Vec::with_capacity(total);
    for (n, (_, path)) in files.into_iter().enumerate() {
        let result = compress(&path)?;
        progress(n + 1, total, &result);
        done.push(result);
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sites_code_and_styles_are_precompressed() {
        assert!(wanted(Path::new("pkg/crowd.abc.wasm")));
        assert!(wanted(Path::new("pkg/crowd.abc.css")));
        assert!(!wanted(Path::new("pkg/crowd.abc.wasm.br")));
        assert!(!wanted(Path::new("pkg/photo.jpg")));
        assert_eq!(
            with_suffix(Path::new("pkg/a.js"), ".br"),
            PathBuf::from("pkg/a.js.br")
        );
    }
}
