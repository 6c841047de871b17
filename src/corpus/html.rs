//! Reads the built HTML of a static site. (Placeholder: being written.)

use super::{Meta, RawBlock};

/// The metadata and blocks of the HTML page at `rel` (path below the corpus root).
pub fn read(_html: &str, _rel: &str) -> (Meta, Vec<RawBlock>) {
    (Meta::default(), Vec::new())
}
