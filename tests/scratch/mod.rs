//! Scratch folders for tests that write files.

use std::ops::Deref;
use std::path::{Path, PathBuf};

/// A fresh folder under the system's temporary folder, named after the test and this
/// process, removed with everything in it when dropped, so that a test run leaves
/// nothing behind (a failing test's folder goes too).
///
/// ```ignore
/// let dir = Scratch::new("corpus-empty", &[("a.txt", b"x"), ("sub/b.md", b"# B")]);
/// ```
pub struct Scratch(PathBuf);

impl Scratch {
    /// Creates `findling-{name}-{pid}` holding `files` (path and bytes; subfolders are
    /// made as needed), emptying what an earlier run with the same process id left there.
    pub fn new(name: &str, files: &[(&str, &[u8])]) -> Scratch {
        let dir = std::env::temp_dir().join(format!("findling-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, bytes) in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        Scratch(dir)
    }
}

impl Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
