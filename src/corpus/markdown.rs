//! Reads Markdown with front matter. (Placeholder: being written.)

use super::{Malformed, Meta, RawBlock};

/// The metadata and blocks of the Markdown page at `rel` (path below the corpus root);
/// `None` for a draft.
pub fn read(markdown: &str, _rel: &str) -> Result<Option<(Meta, Vec<RawBlock>)>, Malformed> {
    Ok(Some((Meta::default(), super::text::read(markdown))))
}
