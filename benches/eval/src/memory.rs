//! Peak memory of this process, read from the kernel, so each system is measured in its own child.

/// The peak resident set size of this process in bytes (`VmHWM`), when the kernel tells it.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// Total size in bytes of the files under `path` (or of `path` itself when it is a file).
pub fn disk_usage(path: &std::path::Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| disk_usage(&e.path()))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_rss_grows_after_touching_memory() {
        let before = peak_rss_bytes().unwrap_or(0);
        let block = vec![1u8; 64 * 1024 * 1024];
        let after = peak_rss_bytes().unwrap_or(0);
        assert!(block.iter().map(|&b| b as u64).sum::<u64>() > 0);
        assert!(
            after >= before + 32 * 1024 * 1024,
            "before {before}, after {after}"
        );
    }

    #[test]
    fn disk_usage_sums_nested_files() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join("sub"))?;
        std::fs::write(dir.path().join("a"), "Ủy ban nhân dân")?;
        std::fs::write(dir.path().join("sub/b"), [0u8; 100])?;
        assert_eq!(disk_usage(dir.path()), "Ủy ban nhân dân".len() as u64 + 100);
        Ok(())
    }
}
