//! Freeing large buffers so that the memory goes back with them (a build-time concern).
//!
//! glibc's malloc gives a block of 128 KiB or more a mapping of its own, but when it
//! frees such a block it raises that threshold to the block's size (up to 32 MB), and
//! keeps up to twice as much free at the top of each heap before it gives memory back.
//! A build that frees one 7 MB shard thus keeps every later block below 7 MB in its
//! heaps, where a block that outlives its neighbours strands the space around it: de-10k
//! peaked at 44–46 MB that way, 34 MB with the threshold held at 128 KiB. [`release`]
//! frees a buffer without raising it: shrunk first to one element (for a mapped block,
//! glibc shrinks the mapping in place), the block freed is too small to count. With
//! another allocator it costs one small reallocation.

/// Frees `buffer` as [`drop`] does, without raising glibc's mmap threshold (see the
/// module docs): for the build's buffers of a shard's size, freed while the build goes on.
///
/// ```
/// let buffer = vec![0u8; 1 << 20];
/// findling::heap::release(buffer);
/// ```
pub fn release<T>(mut buffer: Vec<T>) {
    buffer.clear();
    buffer.shrink_to(1);
}
