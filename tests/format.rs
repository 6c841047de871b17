//! The index format: round trips, and a reader that rejects every kind of damage with a
//! typed error and never panics.

use findling::document::{Document, Section};
use findling::format::{IndexReader, IndexWriter, FORMAT_VERSION, MAGIC};
use findling::language::Lang;
use findling::{analysis, Error};
use proptest::prelude::*;

fn doc(id: &str, title: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        text: text.into(),
        ..Document::default()
    }
}

fn sample() -> Vec<u8> {
    let mut w = IndexWriter::new();
    w.add(doc(
        "a",
        "Zoom droht Sperre",
        "Russland droht Zoom mit einer Sperre.",
    ))
    .unwrap();
    w.add(Document {
        lang: Some("da".into()),
        date: Some("2020-07-08".into()),
        sections: vec![
            Section {
                at: 0,
                anchor: "kina".into(),
            },
            Section {
                at: 4,
                anchor: String::new(),
            },
        ],
        ..doc("b", "Zoom i Kina", "Det skriver Reuters.")
    })
    .unwrap();
    w.finish().unwrap()
}

/// A section of the sample's document `b` damaged (starting where the one before does, or
/// past the text) is an error of the documents' table, not a section lost or misplaced.
#[test]
fn a_damaged_section_is_an_error_of_the_documents() {
    let bytes = sample();
    // Document b's sections: count 2, then (delta 0, "kina") and (delta 4, "").
    let kina = bytes.windows(5).position(|w| w == b"\x04kina").unwrap();
    assert_eq!(bytes[kina - 2..kina], [2, 0]);
    assert_eq!(bytes[kina + 5..kina + 7], [4, 0]);
    for delta in [0, 100] {
        let mut damaged = bytes.clone();
        damaged[kina + 5] = delta;
        let err = IndexReader::from_bytes(&damaged).unwrap_err();
        assert!(
            matches!(&err, Error::Corrupt { section: "documents", detail, .. } if detail.contains("document 1 has an invalid section")),
            "delta {delta}: {err}"
        );
    }
}

#[test]
fn round_trip_keeps_documents_and_postings() {
    let bytes = sample();
    let r = IndexReader::from_bytes(&bytes).unwrap();
    assert_eq!(r.doc_count(), 2);
    let b = &r.documents()[1];
    assert_eq!(b.document.lang.as_deref(), Some("da"));
    assert_eq!(b.document.date.as_deref(), Some("2020-07-08"));
    assert_eq!(b.document.source, None);
    let sections: Vec<(u32, &str)> = b
        .document
        .sections
        .iter()
        .map(|s| (s.at, s.anchor.as_str()))
        .collect();
    assert_eq!(sections, [(0, "kina"), (4, "")]);
    assert!(r.documents()[0].document.sections.is_empty());
    assert_eq!((b.title_terms, b.body_terms), (3, 3));
    let zoom = r.term_ordinal("zoom").unwrap();
    let postings = r.postings(zoom).unwrap();
    assert_eq!(postings.iter().map(|p| p.doc).collect::<Vec<_>>(), [0, 1]);
    // doc 0: title "zoom droht sperre" (0..3), body "russland droht zoom …" → zoom at 3+2.
    assert_eq!(postings[0].positions, [0, 5]);
    assert_eq!(r.doc_freq(zoom), 2);
}

#[test]
fn a_verified_open_reads_what_a_full_open_reads_and_still_reports_damage() {
    let bytes = sample();
    let full = IndexReader::from_bytes(&bytes).unwrap();
    let quick = IndexReader::from_verified_bytes(&bytes).unwrap();
    assert_eq!(quick.documents(), full.documents());
    assert_eq!(quick.term_count(), full.term_count());
    for ordinal in 0..u64::from(full.term_count()) {
        assert_eq!(quick.postings(ordinal), full.postings(ordinal));
    }
    // Damage the last byte of the postings: the full open refuses the index, the quick
    // one opens it and the damaged list is an error when it is read.
    let mut damaged = bytes.clone();
    let docs_at = damaged.len() - {
        let counts = header_u32(&damaged, 48) as usize;
        let docs = header_u32(&damaged, 44) as usize;
        counts + docs
    };
    damaged[docs_at - 1] = 0xff;
    assert!(IndexReader::from_bytes(&damaged).is_err());
    let quick = IndexReader::from_verified_bytes(&damaged).unwrap();
    let results: Vec<bool> = (0..u64::from(quick.term_count()))
        .map(|o| quick.postings(o).is_err())
        .collect();
    assert!(results.iter().any(|&e| e), "the damaged list reads as an error");
}

#[test]
fn same_documents_give_same_bytes() {
    assert_eq!(sample(), sample());
}

#[test]
fn bad_magic_is_rejected() {
    let mut bytes = sample();
    bytes[0] ^= 0xff;
    assert_eq!(IndexReader::from_bytes(&bytes).unwrap_err(), Error::BadMagic);
}

#[test]
fn another_format_version_is_rejected_with_both_versions() {
    let mut bytes = sample();
    bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let err = IndexReader::from_bytes(&bytes).unwrap_err();
    assert_eq!(
        err,
        Error::FormatVersion {
            found: FORMAT_VERSION + 1,
            expected: FORMAT_VERSION
        }
    );
    assert!(err.to_string().contains("rebuild"));
}

#[test]
fn another_analyzer_version_is_rejected() {
    let mut bytes = sample();
    bytes[12..16].copy_from_slice(&(analysis::ANALYZER_VERSION + 1).to_le_bytes());
    assert!(matches!(
        IndexReader::from_bytes(&bytes),
        Err(Error::AnalyzerVersion { .. })
    ));
}

#[test]
fn every_truncation_is_rejected() {
    let bytes = sample();
    for len in 0..bytes.len() {
        let err = IndexReader::from_bytes(&bytes[..len]).unwrap_err();
        assert!(
            matches!(err, Error::Truncated { .. } | Error::BadMagic),
            "truncated to {len} bytes gave {err:?}"
        );
    }
}

#[test]
fn trailing_bytes_are_rejected() {
    let mut bytes = sample();
    let end = bytes.len() as u64;
    bytes.push(0);
    assert_eq!(
        IndexReader::from_bytes(&bytes).unwrap_err(),
        Error::TrailingBytes { offset: end }
    );
}

/// The byte offset an error names, if it names one.
fn offset_of(err: &Error) -> Option<u64> {
    match err {
        Error::Truncated { offset, .. } | Error::TrailingBytes { offset } | Error::Corrupt { offset, .. } => {
            Some(*offset)
        }
        _ => None,
    }
}

/// The little-endian `u32` at `at` of the header.
fn header_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

/// Offset of the term table of `bytes` (after the 52-byte header and the fst).
fn term_table_at(bytes: &[u8]) -> usize {
    52 + header_u32(bytes, 24) as usize
}

/// Bytes of the term table.
fn term_table_len(bytes: &[u8]) -> usize {
    header_u32(bytes, 28) as usize
}

/// The term table of a whole index, decoded: per ordinal `doc_freq`, 2 × bytes of
/// document gaps (+ 1 if derived), bytes of frequencies, bytes of positions.
fn table_entries(bytes: &[u8]) -> Vec<[u32; 4]> {
    let mut at = term_table_at(bytes);
    let end = at + term_table_len(bytes);
    let mut varint = || {
        let (mut n, mut shift) = (0u32, 0);
        loop {
            let b = bytes[at];
            at += 1;
            n |= u32::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                return n;
            }
        }
    };
    let mut out = Vec::new();
    for _ in 0..header_u32(bytes, 20) {
        out.push([varint(), varint(), varint(), varint()]);
    }
    assert_eq!(at, end, "the table decodes to its end");
    out
}

#[test]
fn a_damaged_postings_length_names_the_term_table_not_the_offset_it_claims() {
    let table = term_table_at(findling::EMBEDDED_INDEX);
    let end = table + term_table_len(findling::EMBEDDED_INDEX);
    for at in table..table + 12 {
        let mut bytes = findling::EMBEDDED_INDEX.to_vec();
        // A length claiming far more than there is (the error once said "at offset
        // 3204465538" of a 33 KB index).
        bytes[at] |= 0x7f;
        let err = IndexReader::from_bytes(&bytes).unwrap_err();
        assert!(
            matches!(err, Error::Corrupt { offset, .. } | Error::Truncated { offset, .. } if offset as usize <= end),
            "{err}"
        );
    }
}

/// Whether the entry of a term is a derived stem.
fn is_derived(bytes: &[u8], ordinal: u64) -> bool {
    table_entries(bytes)[ordinal as usize][1] & 1 == 1
}

fn german(id: &str, text: &str) -> Document {
    Document {
        lang: Some("de".into()),
        ..doc(id, "", text)
    }
}

#[test]
fn a_stem_is_stored_as_its_forms_and_reads_as_their_merged_postings() {
    let mut w = IndexWriter::new();
    w.add(german("a", "Die Behörden prüfen. Behörde und Behörden"))
        .unwrap();
    w.add(doc("b", "", "Behörden ohne Sprache")).unwrap();
    w.add(german("c", "Eine Behörde")).unwrap();
    let bytes = w.finish().unwrap();
    let r = IndexReader::from_bytes(&bytes).unwrap();
    let stem = r.term_ordinal("\u{1}behord").unwrap();
    assert!(is_derived(&bytes, stem), "the stem is derived");
    let forms = ["behorden", "behorde"].map(|t| r.term_ordinal(t).unwrap());
    assert!(forms.iter().all(|&f| !is_derived(&bytes, f)));
    let postings = r.postings(stem).unwrap();
    let got: Vec<(u32, Vec<u32>)> = postings.into_iter().map(|p| (p.doc, p.positions)).collect();
    // Document b has no language: its "Behörden" has no stem.
    assert_eq!(got, [(0, vec![1, 3, 5]), (2, vec![1])]);
    assert_eq!(r.doc_freq(stem), 2);
}

#[test]
fn a_damaged_derived_stem_is_an_error_inside_the_index() {
    let mut w = IndexWriter::new();
    w.add(german("a", "Behörden und Behörde")).unwrap();
    let bytes = w.finish().unwrap();
    let r = IndexReader::from_bytes(&bytes).unwrap();
    let stem = r.term_ordinal("\u{1}behord").unwrap();
    let gaps_at = term_table_at(&bytes) + term_table_len(&bytes);
    // The table holds each entry's lengths; the stem's form list starts after the
    // document gaps of the entries before.
    let before: u32 = table_entries(&bytes)[..stem as usize]
        .iter()
        .map(|e| e[1] / 2)
        .sum();
    let entry_at = gaps_at + before as usize;
    // Its form count, its first form's ordinal (made the stem itself), its language.
    for (at, value) in [
        (entry_at, 0),
        (entry_at, 100),
        (entry_at + 1, stem as u8),
        (entry_at + 2, 7),
    ] {
        let mut damaged = bytes.clone();
        damaged[at] = value;
        let err = IndexReader::from_bytes(&damaged).unwrap_err();
        let offset = offset_of(&err).unwrap();
        assert!(offset <= damaged.len() as u64, "{err}");
        let quick = IndexReader::from_verified_bytes(&damaged).unwrap();
        assert!(quick.postings(stem).is_err());
    }
}

fn arb_document() -> impl Strategy<Value = Document> {
    let words = prop::collection::vec("[a-zäöüßøæå]{1,8}|[A-Z][a-z]{0,6}|[0-9]{1,3}", 0..20);
    (
        words.clone(),
        words,
        prop::option::of(prop::sample::select(vec!["de", "da", "en", "fr"]).prop_map(String::from)),
        prop::collection::vec(any::<bool>(), 20),
    )
        .prop_map(|(t, b, lang, opens)| {
            let text = b.join(" ");
            // A section at some words' starts, some of them without an anchor.
            let starts = b.iter().scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some(start as u32)
            });
            let sections = starts
                .zip(opens)
                .enumerate()
                .filter(|(_, (_, open))| *open)
                .map(|(i, (at, _))| Section {
                    at,
                    anchor: if i % 3 == 0 {
                        String::new()
                    } else {
                        format!("s{i}")
                    },
                })
                .collect();
            Document {
                id: String::new(),
                title: t.join(" "),
                text,
                lang,
                sections,
                ..Document::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Write then read gives back every document and, for every term, exactly the
    /// documents and positions the analyzer produces.
    #[test]
    fn round_trip_matches_the_analyzer(docs in prop::collection::vec(arb_document(), 1..6)) {
        let mut w = IndexWriter::new();
        for (i, mut d) in docs.clone().into_iter().enumerate() {
            d.id = format!("d{i}");
            w.add(d).unwrap();
        }
        let bytes = w.finish().unwrap();
        let r = IndexReader::from_bytes(&bytes).unwrap();
        prop_assert_eq!(r.doc_count() as usize, docs.len());
        for (i, d) in docs.iter().enumerate() {
            let entry = &r.documents()[i];
            prop_assert_eq!(&entry.document.title, &d.title);
            prop_assert_eq!(&entry.document.text, &d.text);
            prop_assert_eq!(&entry.document.sections, &d.sections);
            let lang = d.lang.as_deref().and_then(Lang::from_code);
            let all: Vec<_> = analysis::tokens(&d.title, lang).into_iter()
                .chain(analysis::tokens(&d.text, lang).into_iter().map(|mut t| { t.position += entry.title_terms; t }))
                .collect();
            for t in &all {
                for term in t.index_terms() {
                    let ordinal = r.term_ordinal(term).unwrap();
                    let postings = r.postings(ordinal).unwrap();
                    let p = postings.iter().find(|p| p.doc == i as u32).unwrap();
                    let mut expected: Vec<u32> =
                        all.iter().filter(|u| u.index_terms().any(|x| x == term)).map(|u| u.position).collect();
                    expected.sort();
                    expected.dedup();
                    prop_assert_eq!(&p.positions, &expected);
                }
            }
        }
    }

    /// Arbitrary bytes never panic the reader.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = IndexReader::from_bytes(&bytes);
        let mut with_header = MAGIC.to_vec();
        with_header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        with_header.extend_from_slice(&analysis::ANALYZER_VERSION.to_le_bytes());
        with_header.extend_from_slice(&bytes);
        let _ = IndexReader::from_bytes(&with_header);
    }

    /// Damage to any one byte of the real (embedded) index gives an error whose offset,
    /// if it names one, lies inside the index.
    #[test]
    fn a_damaged_real_index_names_offsets_inside_it(
        at in any::<prop::sample::Index>(),
        region in 0..3,
        xor in 1u8..,
    ) {
        let mut bytes = findling::EMBEDDED_INDEX.to_vec();
        // Anywhere, or in the term table (whose entries point into the postings), or in
        // its first entry (where a bad offset is met first).
        let table = term_table_at(&bytes);
        let i = match region {
            0 => at.index(bytes.len()),
            1 => table + at.index(term_table_len(&bytes)),
            _ => table + at.index(4),
        };
        bytes[i] ^= xor;
        let errors: Vec<Error> = match IndexReader::from_bytes(&bytes) {
            Err(e) => vec![e],
            Ok(r) => (0..u64::from(r.term_count())).filter_map(|o| r.postings(o).err()).collect(),
        };
        for err in errors {
            if let Some(offset) = offset_of(&err) {
                prop_assert!(offset <= bytes.len() as u64, "byte {} ^ {}: {}", i, xor, err);
            }
        }
    }

    /// Flipping any byte of a valid index gives an error or a readable index, never a panic.
    #[test]
    fn damaged_index_never_panics(at in any::<prop::sample::Index>(), xor in 1u8..) {
        let mut bytes = sample();
        let i = at.index(bytes.len());
        bytes[i] ^= xor;
        if let Ok(r) = IndexReader::from_bytes(&bytes) {
            for o in 0..u64::from(r.term_count()) {
                let _ = r.postings(o);
            }
        }
    }
}
