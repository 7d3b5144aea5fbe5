//! The files beside an index that keep what indexing learnt from the text (the abbreviations it
//! defines, the people it names): read whole, a missing file being nothing learnt yet, and
//! written atomically, so a run killed while saving leaves the last complete file.

use std::io;
use std::path::Path;

use serde::de::DeserializeOwned;

/// Reads the JSON file at `path`; a missing file is `T::default()`.
pub(crate) fn load<T: DeserializeOwned + Default>(path: &Path) -> io::Result<T> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(io::Error::other),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(e),
    }
}

/// Writes `json` to `path` atomically: to a temporary file beside it, then renamed over it.
pub(crate) fn save(path: &Path, json: serde_json::Result<Vec<u8>>) -> io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, json.map_err(io::Error::other)?)?;
    std::fs::rename(tmp, path)
}
