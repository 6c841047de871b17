//! Sorting in little code: one small heapsort for the engine's every sort.
//!
//! The standard library's sorts are fast, but each element type and comparator compiles
//! to its own 10–17 KB of wasm (driftsort, ipnsort); the engine's dozen sorts cost
//! about 76 KB of the module that way. A heapsort is a few hundred bytes per element
//! type, needs no memory, and is O(n log n) in the worst case. It is not stable, so
//! every comparator here must be a total order on the values it sees (ties broken down
//! to an id, a word or a position), which makes the order unique.
//!
//! [`top_by`] keeps only the best `k` of many (the hits of a page among every match)
//! in O(n log k); [`by_small_key`] orders many elements by a key of a small range (the
//! postings of a word's terms by document), keeping the order of ties: in O(n + range)
//! by counting, or, for few elements, by a pass per byte of the keys (a radix sort);
//! [`merge_runs`] merges runs already sorted (a word's positions in a document, term by
//! term) in O(n log runs); [`merge_best`] merges a document's few runs of (document,
//! weight) one after the other, keeping each document's best; [`sort_stretches`] sorts a
//! list made of ascending stretches (a hit's marks) by merging them.

use std::cmp::Ordering;

/// Sorts `v` in the order `compare` gives.
///
/// ```
/// let mut v = [3, 1, 2];
/// findling::search::sort::sort_by(&mut v, |a, b| b.cmp(a));
/// assert_eq!(v, [3, 2, 1]);
/// ```
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    heap_sort(v, &mut |a, b| compare(a, b) == Ordering::Less);
}

/// Sorts `v` in ascending order.
pub fn sort<T: Ord>(v: &mut [T]) {
    heap_sort(v, &mut |a, b| a < b);
}

/// Sorts `v` in ascending order by merging the ascending stretches it is made of (a
/// natural merge sort): O(n log stretches), so a few sorted lists laid end to end (a
/// hit's matches, clause by clause) are merged, not sorted again.
///
/// ```
/// let mut v = vec![2, 5, 9, 1, 6, 3];
/// findling::search::sort::sort_stretches(&mut v);
/// assert_eq!(v, [1, 2, 3, 5, 6, 9]);
/// ```
pub fn sort_stretches<T: Copy + Ord>(v: &mut Vec<T>) {
    let mut ends: Vec<usize> = (1..v.len()).filter(|&i| v[i] < v[i - 1]).collect();
    ends.push(v.len());
    merge_runs(v, &mut ends, &mut Vec::new(), T::cmp);
}

/// Keeps the first `k` elements of `v` in the order `compare` gives, sorted, and drops
/// the rest: the same as sorting and truncating, without sorting what is dropped.
///
/// ```
/// let mut v = vec![5, 1, 4, 2, 3];
/// findling::search::sort::top_by(&mut v, 2, |a, b| a.cmp(b));
/// assert_eq!(v, [1, 2]);
/// ```
pub fn top_by<T>(v: &mut Vec<T>, k: usize, mut compare: impl FnMut(&T, &T) -> Ordering) {
    let less = &mut |a: &T, b: &T| compare(a, b) == Ordering::Less;
    if k < v.len() {
        // A max-heap of the best k so far: its root is the worst of them, replaced by
        // every later element that is better.
        for i in (0..k / 2).rev() {
            sift_down(&mut v[..k], i, less);
        }
        for i in k..v.len() {
            if k > 0 && less(&v[i], &v[0]) {
                v.swap(0, i);
                sift_down(&mut v[..k], 0, less);
            }
        }
        v.truncate(k);
    }
    heap_sort(v, less);
}

/// `v` (fewer than 2^32 elements) ordered by `key`, which is below `bound`, equal keys in
/// the order they had: a counting sort, linear in the elements and the bound, or for few
/// elements a radix sort, a pass per byte of the keys.
///
/// ```
/// let v = [(2, 'a'), (0, 'b'), (2, 'c'), (1, 'd')];
/// assert_eq!(findling::search::sort::by_small_key(&v, 3, |x| x.0), [(0, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
/// ```
pub fn by_small_key<T: Copy>(v: &[T], bound: usize, key: impl Fn(&T) -> usize) -> Vec<T> {
    debug_assert!(v.iter().all(|x| key(x) < bound), "a key at or above the bound");
    // A counting sort clears and sums a counter per key below `bound` (10,000 documents:
    // most of the work of ordering a few hundred runs); a pass per byte of the keys
    // clears 256 but copies every element, so only a few elements go by bytes (on
    // de-10k's keystrokes, up to a quarter of the keys per extra pass did best).
    let bytes = (usize::BITS - bound.saturating_sub(1).leading_zeros()).div_ceil(8) as usize;
    if bytes > 1 && 4 * v.len() * (bytes - 1) < bound {
        return by_bytes(v, bytes, key);
    }
    // Where each key's elements start in the output (u32: half the memory to clear for
    // a bound of 140,000 documents).
    let mut starts = vec![0u32; bound + 1];
    for x in v {
        starts[key(x) + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut out = v.to_vec();
    for x in v {
        let slot = &mut starts[key(x)];
        out[*slot as usize] = *x;
        *slot += 1;
    }
    out
}

/// [`by_small_key`] as a radix sort: a stable pass per byte of the keys (`bytes` of
/// them), the lowest first.
fn by_bytes<T: Copy>(v: &[T], bytes: usize, key: impl Fn(&T) -> usize) -> Vec<T> {
    let (mut from, mut to) = (v.to_vec(), v.to_vec());
    for byte in 0..bytes {
        let digit = |x: &T| key(x) >> (8 * byte) & 0xff;
        let mut starts = [0u32; 257];
        for x in &from {
            starts[digit(x) + 1] += 1;
        }
        for d in 1..starts.len() {
            starts[d] += starts[d - 1];
        }
        for x in &from {
            let slot = &mut starts[digit(x)];
            to[*slot as usize] = *x;
            *slot += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    from
}

/// Sorts `v`, made of runs each already in the order `compare` gives (run `i` ends at
/// `ends[i]`, ascending, the last at `v.len()`), by merging neighbouring runs in rounds:
/// O(n log runs), stable. `ends` and `scratch` are left as working memory. This is how
/// a word's matches in a document are ordered: each of its terms' positions ascend.
///
/// ```
/// let (mut v, mut ends) = (vec![2, 5, 9, 1, 6, 3], vec![3, 5, 6]);
/// findling::search::sort::merge_runs(&mut v, &mut ends, &mut Vec::new(), |a, b| a.cmp(b));
/// assert_eq!(v, [1, 2, 3, 5, 6, 9]);
/// ```
pub fn merge_runs<T: Copy>(
    v: &mut Vec<T>,
    ends: &mut Vec<usize>,
    scratch: &mut Vec<T>,
    mut compare: impl FnMut(&T, &T) -> Ordering,
) {
    while ends.len() > 1 {
        scratch.clear();
        let mut start = 0;
        for pair in 0..ends.len().div_ceil(2) {
            let mid = ends[2 * pair];
            let end = ends.get(2 * pair + 1).copied().unwrap_or(mid);
            let (mut a, mut b) = (start, mid);
            while a < mid && b < end {
                if compare(&v[b], &v[a]) == Ordering::Less {
                    scratch.push(v[b]);
                    b += 1;
                } else {
                    scratch.push(v[a]);
                    a += 1;
                }
            }
            scratch.extend_from_slice(&v[a..mid]);
            scratch.extend_from_slice(&v[b..end]);
            ends[pair] = end;
            start = end;
        }
        ends.truncate(ends.len().div_ceil(2));
        std::mem::swap(v, scratch);
    }
}

/// Appends to `out` every position of two ascending runs, each once and ascending, with
/// its run's weight, or the larger where both have it: what sorting the runs' (position,
/// weight) pairs by position, then weight downwards, and keeping the first of each
/// position gives, in one pass.
///
/// ```
/// let mut out = Vec::new();
/// findling::search::sort::merge_two_best(&mut out, (&[1, 4], 0.5), (&[4, 6], 1.0));
/// assert_eq!(out, [(1, 0.5), (4, 1.0), (6, 1.0)]);
/// ```
pub fn merge_two_best(out: &mut Vec<(u32, f32)>, mut a: (&[u32], f32), mut b: (&[u32], f32)) {
    while let (Some(&x), Some(&y)) = (a.0.first(), b.0.first()) {
        let (pos, weight) = match x.cmp(&y) {
            Ordering::Less => (x, a.1),
            Ordering::Greater => (y, b.1),
            Ordering::Equal => (x, a.1.max(b.1)),
        };
        out.push((pos, weight));
        a.0 = &a.0[usize::from(x == pos)..];
        b.0 = &b.0[usize::from(y == pos)..];
    }
    out.extend(a.0.iter().map(|&pos| (pos, a.1)));
    out.extend(b.0.iter().map(|&pos| (pos, b.1)));
}

/// Appends to `out` every position of `merged` (ascending, each once, with its weight)
/// and of the ascending `run`, each once and ascending, with the larger weight where
/// both have it: [`merge_two_best`] with one side already merged, so that a few runs are
/// merged one after the other.
///
/// ```
/// let mut out = Vec::new();
/// findling::search::sort::merge_best(&mut out, &[(1, 0.5), (4, 0.35)], (&[4, 6], 1.0));
/// assert_eq!(out, [(1, 0.5), (4, 1.0), (6, 1.0)]);
/// ```
pub fn merge_best(out: &mut Vec<(u32, f32)>, mut merged: &[(u32, f32)], mut run: (&[u32], f32)) {
    while let (Some(&(x, w)), Some(&y)) = (merged.first(), run.0.first()) {
        let (pos, weight) = match x.cmp(&y) {
            Ordering::Less => (x, w),
            Ordering::Greater => (y, run.1),
            Ordering::Equal => (x, w.max(run.1)),
        };
        out.push((pos, weight));
        merged = &merged[usize::from(x == pos)..];
        run.0 = &run.0[usize::from(y == pos)..];
    }
    out.extend_from_slice(merged);
    out.extend(run.0.iter().map(|&pos| (pos, run.1)));
}

fn heap_sort<T>(v: &mut [T], less: &mut dyn FnMut(&T, &T) -> bool) {
    for i in (0..v.len() / 2).rev() {
        sift_down(v, i, less);
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(&mut v[..end], 0, less);
    }
}

/// Restores the max-heap order below `node` in `heap`.
fn sift_down<T>(heap: &mut [T], mut node: usize, less: &mut dyn FnMut(&T, &T) -> bool) {
    loop {
        let mut child = 2 * node + 1;
        if child >= heap.len() {
            return;
        }
        if child + 1 < heap.len() && less(&heap[child], &heap[child + 1]) {
            child += 1;
        }
        if !less(&heap[node], &heap[child]) {
            return;
        }
        heap.swap(node, child);
        node = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(mut v in proptest::collection::vec((0u8..8, 0u8..8), 0..200)) {
            let compare = |a: &(u8, u8), b: &(u8, u8)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
            let mut expected = v.clone();
            expected.sort_by(compare);
            let mut top = v.clone();
            sort_by(&mut v, compare);
            prop_assert_eq!(&v, &expected);
            let k = top.len() / 3;
            top_by(&mut top, k, compare);
            prop_assert_eq!(&top[..], &expected[..k]);
        }

        #[test]
        fn stretches_sort_as_the_standard_library_does(
            runs in proptest::collection::vec(proptest::collection::vec((0u8..30, 0u8..3), 0..20), 0..8),
            shuffled in proptest::collection::vec((0u8..30, 0u8..3), 0..30),
        ) {
            // Sorted lists end to end, then anything.
            let mut v: Vec<(u8, u8)> = Vec::new();
            for mut run in runs {
                run.sort();
                v.extend(run);
            }
            v.extend(shuffled);
            let mut expected = v.clone();
            expected.sort();
            sort_stretches(&mut v);
            prop_assert_eq!(v, expected);
        }

        #[test]
        fn by_small_key_is_a_stable_sort(v in proptest::collection::vec((0usize..20, any::<u8>()), 0..200)) {
            let mut expected = v.clone();
            expected.sort_by_key(|x| x.0); // stable
            prop_assert_eq!(by_small_key(&v, 20, |x| x.0), expected);
        }

        #[test]
        fn by_small_key_by_two_bytes_keeps_ties_and_the_largest_key(
            bound in 257usize..=65_536,
            picks in proptest::collection::vec((0usize..8, any::<u8>()), 0..200),
        ) {
            // Few distinct keys (many ties), the smallest and the largest among them.
            let keys = [0, 1, 255, 256, bound / 2, bound - 2, bound - 1, bound - 1];
            let v: Vec<(usize, u8)> = picks.iter().map(|&(i, t)| (keys[i], t)).collect();
            let mut expected = v.clone();
            expected.sort_by_key(|x| x.0); // stable
            prop_assert_eq!(by_small_key(&v, bound, |x| x.0), expected.clone());
            prop_assert_eq!(by_bytes(&v, 2, |x| x.0), expected);
        }

        #[test]
        fn by_small_key_is_a_stable_sort_by_bytes_too(
            v in proptest::collection::vec((0usize..70_000, any::<u8>()), 0..200),
            bound in 70_000usize..20_000_000,
        ) {
            let mut expected = v.clone();
            expected.sort_by_key(|x| x.0); // stable
            prop_assert_eq!(by_small_key(&v, bound, |x| x.0), expected.clone());
            prop_assert_eq!(by_bytes(&v, 3, |x| x.0), expected);
        }

        #[test]
        fn merged_runs_are_sorted_as_the_standard_library_does(
            runs in proptest::collection::vec(proptest::collection::vec((0u8..30, 0u8..3), 0..20), 1..12),
        ) {
            let compare = |a: &(u8, u8), b: &(u8, u8)| a.0.cmp(&b.0);
            let (mut v, mut ends) = (Vec::new(), Vec::new());
            for mut run in runs {
                run.sort_by(compare);
                v.extend(run);
                ends.push(v.len());
            }
            let mut expected = v.clone();
            expected.sort_by(compare); // stable, as merge_runs
            merge_runs(&mut v, &mut ends, &mut Vec::new(), compare);
            prop_assert_eq!(v, expected);
        }

        #[test]
        fn two_runs_merge_as_merged_runs_deduplicated(
            a in proptest::collection::btree_set(0u32..40, 0..12),
            b in proptest::collection::btree_set(0u32..40, 0..12),
            weights in (0usize..4, 0usize..4),
        ) {
            let w = [0.35, 0.5, 0.85, 1.0];
            let (a, b): (Vec<u32>, Vec<u32>) = (a.into_iter().collect(), b.into_iter().collect());
            let (wa, wb) = (w[weights.0], w[weights.1]);
            let mut expected: Vec<(u32, f32)> = a.iter().map(|&p| (p, wa)).chain(b.iter().map(|&p| (p, wb))).collect();
            let mut ends = vec![a.len(), expected.len()];
            merge_runs(&mut expected, &mut ends, &mut Vec::new(), |x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
            expected.dedup_by_key(|o| o.0);
            let mut merged = Vec::new();
            merge_two_best(&mut merged, (&a, wa), (&b, wb));
            prop_assert_eq!(merged, expected);
        }

        #[test]
        fn runs_folded_in_merge_as_merged_runs_deduplicated(
            runs in proptest::collection::vec((proptest::collection::btree_set(0u32..40, 0..12), 0usize..4), 2..9),
        ) {
            let w = [0.35, 0.5, 0.85, 1.0];
            let runs: Vec<(Vec<u32>, f32)> = runs.into_iter().map(|(r, k)| (r.into_iter().collect(), w[k])).collect();
            let (mut expected, mut ends) = (Vec::new(), Vec::new());
            for (run, weight) in &runs {
                expected.extend(run.iter().map(|&p| (p, *weight)));
                ends.push(expected.len());
            }
            merge_runs(&mut expected, &mut ends, &mut Vec::new(), |x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
            expected.dedup_by_key(|o| o.0);
            let mut merged = Vec::new();
            merge_two_best(&mut merged, (&runs[0].0, runs[0].1), (&runs[1].0, runs[1].1));
            for (run, weight) in &runs[2..] {
                let mut next = Vec::new();
                merge_best(&mut next, &merged, (run, *weight));
                merged = next;
            }
            prop_assert_eq!(merged, expected);
        }

        #[test]
        fn top_of_more_than_there_are_sorts_them_all(mut v in proptest::collection::vec(any::<u16>(), 0..50), extra in 0usize..5) {
            let mut expected = v.clone();
            expected.sort();
            let k = v.len() + extra;
            top_by(&mut v, k, |a, b| a.cmp(b));
            prop_assert_eq!(v, expected);
        }
    }

    #[test]
    fn ascending_sort_of_words() {
        let mut v = ["b", "a", "c", "a"];
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
