//! Sharded indexes: with every shard loaded, a sharded index answers exactly as the whole
//! one (same ids, order, scores, totals, facets, suggestions); with some loaded, a subset
//! that says it is incomplete; bad shard bytes are errors, never panics.

use findling::document::Document;
use findling::format::shard::{self, CoreReader, Sharded, Written};
use findling::format::{IndexReader, IndexWriter};
use findling::search::{Matching, Options};
use findling::Index;

/// A corpus of many small documents: every paragraph of the seed documents, with the
/// seeds' metadata (language, source, date) so that filters and facets have values.
fn corpus() -> Vec<u8> {
    let seeds = Index::embedded().expect("the embedded index opens");
    let mut w = IndexWriter::new();
    let mut n = 0;
    for (_, entry) in seeds.parts().entries() {
        let d = &entry.document;
        for (i, paragraph) in d.text.split("\n\n").filter(|p| p.trim().len() > 20).enumerate() {
            n += 1;
            w.add(Document {
                id: format!("{}-{i:02}", &d.id[..3]),
                title: if i == 0 { d.title.clone() } else { String::new() },
                text: paragraph.to_owned(),
                lang: d.lang.clone(),
                date: d.date.clone(),
                source: d.source.clone(),
                url: None,
                tags: d.tags.clone(),
                sections: Vec::new(),
                headings: Vec::new(),
            })
            .expect("adds");
        }
    }
    assert!(n >= 20, "the seeds give {n} paragraphs");
    w.finish().expect("writes")
}

fn split(whole: &[u8], parts: usize) -> Sharded {
    let reader = IndexReader::from_bytes(whole).expect("reads");
    shard::split(&reader, whole.len(), whole.len() / parts)
        .expect("splits")
        .expect("is above the threshold")
}

/// Queries of every kind, and every word of the corpus as typed and as a prefix.
fn queries(whole: &Index<'_>) -> Vec<String> {
    let mut out: Vec<String> = [
        "zoom",
        "Zoom Microsoft",
        "sicherh",
        "Mircosoft",
        "\"neue Sicherheitsgesetz\"",
        "Russland -Sferum",
        "Sferum OR kryptering",
        "zoom lang:da",
        "lang:de",
        "year:2020",
        "zoom source:\"Epoch Times\"",
        "Behoerden Hongkong",
        "xyzzy",
        "Hongkonk",
        "Konferenzplattform",
        "",
        "videokonf",
        "die der und",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (_, entry) in whole.parts().entries() {
        for word in entry.document.text.split_whitespace().step_by(7) {
            out.push(word.to_owned());
            let cut: String = word.chars().take(4).collect();
            out.push(cut);
        }
    }
    out
}

fn options() -> [Options; 3] {
    [
        Options {
            limit: 10,
            matching: Matching::All,
            facets: true,
        },
        Options {
            limit: 1000,
            matching: Matching::Any,
            facets: false,
        },
        Options {
            limit: 3,
            matching: Matching::All,
            facets: false,
        },
    ]
}

#[test]
fn a_sharded_index_with_every_shard_answers_as_the_whole_one() {
    let bytes = corpus();
    let whole = Index::from_bytes(&bytes).expect("opens");
    // A core opened as the module opens its own (`from_verified_bytes`) reads its shards
    // with the structure checks only: they must answer the same.
    for (parts, verified) in [(2, false), (3, false), (7, false), (3, true), (7, true)] {
        let sharded = split(&bytes, parts);
        assert!(
            sharded.shards.len() >= parts.min(3),
            "{} shards",
            sharded.shards.len()
        );
        let core = if verified {
            CoreReader::from_verified_bytes(&sharded.core)
        } else {
            CoreReader::from_bytes(&sharded.core)
        };
        let mut index = Index::sharded(core.expect("core reads")).expect("opens");
        // Loaded in reverse: the order of arrival must not matter.
        for (_, shard) in sharded.shards.iter().rev() {
            index.add_shard(shard).expect("shard loads");
        }
        assert!(index.parts().complete());
        for q in queries(&whole) {
            for o in options() {
                assert_eq!(
                    index.query(&q, o),
                    whole.query(&q, o),
                    "{parts} shards (verified core: {verified}), query {q:?}, {o:?}"
                );
                // A hit read as the reader opens it, too.
                for hit in whole.query(&q, o).hits.iter().take(2) {
                    assert_eq!(
                        index.read(&hit.id, &q, o.matching),
                        whole.read(&hit.id, &q, o.matching),
                        "{parts} shards, {} read for {q:?}",
                        hit.id
                    );
                }
            }
        }
        assert_eq!(index.facets(), whole.facets());
    }
}

#[test]
fn a_partly_loaded_index_answers_a_subset_and_says_so() {
    let bytes = corpus();
    let whole = Index::from_bytes(&bytes).expect("opens");
    let sharded = split(&bytes, 3);
    let core = CoreReader::from_bytes(&sharded.core).expect("core reads");
    let mut index = Index::sharded(core).expect("opens");
    assert!(!index.parts().complete());
    assert_eq!(index.parts().loaded(), 0.0);
    assert!(index.search("zoom", 10).is_empty());
    index.add_shard(&sharded.shards[1].1).expect("loads");
    let loaded = index.parts().loaded();
    assert!(loaded > 0.0 && loaded < 1.0, "{loaded}");
    assert!(!index.parts().complete());
    let first = index.parts().shards()[1];
    let in_shard = |doc: u32| (first.first_doc..first.first_doc + first.doc_count).contains(&doc);
    let mut some = 0;
    for q in queries(&whole) {
        let all = Options {
            limit: 1000,
            matching: Matching::Any,
            facets: false,
        };
        let part = index.query(&q, all);
        let full = whole.query(&q, all);
        assert!(part.total <= full.total, "{q:?}");
        for hit in &part.hits {
            assert!(in_shard(hit.doc), "{q:?}: {} is not in the loaded shard", hit.id);
            assert!(
                full.hits.iter().any(|h| h.doc == hit.doc),
                "{q:?}: {} is not a hit of the whole index",
                hit.id
            );
        }
        some += part.hits.len();
    }
    assert!(some > 0, "the loaded shard answered nothing");
}

#[test]
fn bad_shards_are_errors_and_change_nothing() {
    let bytes = corpus();
    let sharded = split(&bytes, 3);
    // The module's own core (`from_verified_bytes`) refuses them by length and hash.
    for verified in [false, true] {
        let core = if verified {
            CoreReader::from_verified_bytes(&sharded.core)
        } else {
            CoreReader::from_bytes(&sharded.core)
        };
        let mut index = Index::sharded(core.expect("core reads")).expect("opens");
        let good = &sharded.shards[0].1;
        let mut flipped = good.clone();
        let at = flipped.len() / 2;
        flipped[at] ^= 0x40;
        let cut = &good[..good.len() - 1];
        let whole_bytes = bytes.clone();
        for bad in [
            &flipped[..],
            cut,
            &[][..],
            &whole_bytes[..],
            b"FINDLING\x02\x00\x00\x00",
        ] {
            let e = index.add_shard(bad).expect_err("a bad shard is refused");
            assert!(!e.to_string().is_empty());
            assert_eq!(index.parts().loaded(), 0.0);
        }
        // A shard of another build (same documents, other split) is not one of this core's.
        let other = split(&bytes, 2);
        assert!(index.add_shard(&other.shards[0].1).is_err());
        index.add_shard(good).expect("the good one still loads");
        index.add_shard(good).expect("twice is harmless");
        assert!(index.parts().loaded() > 0.0);
    }
    // A whole index takes no shard.
    let mut whole = Index::from_bytes(&bytes).expect("opens");
    assert!(whole.add_shard(&sharded.shards[0].1).is_err());
}

#[test]
fn damaged_cores_are_errors_never_panics() {
    let bytes = corpus();
    let core = split(&bytes, 3).core;
    for len in 0..core.len() {
        assert!(CoreReader::from_bytes(&core[..len]).is_err(), "cut at {len}");
    }
    for at in (0..core.len()).step_by(7) {
        let mut bad = core.clone();
        bad[at] ^= 0xff;
        // Flipping may hit a byte the checks cannot see (a float): it must not panic.
        if let Ok(reader) = CoreReader::from_bytes(&bad) {
            let _ = Index::sharded(reader).map(|i| i.search("zoom", 10));
        }
    }
}

#[test]
fn below_the_threshold_nothing_is_split() {
    let bytes = corpus();
    let reader = IndexReader::from_bytes(&bytes).expect("reads");
    assert!(shard::split(&reader, bytes.len(), bytes.len())
        .expect("ok")
        .is_none());
    assert!(shard::split(&reader, bytes.len(), shard::DEFAULT_SHARD_BYTES)
        .expect("ok")
        .is_none());
}

#[test]
fn the_manifest_lists_the_shards_in_load_order() {
    let sharded = split(&corpus(), 3);
    let manifest: serde_json::Value = serde_json::from_str(&sharded.manifest()).expect("JSON");
    let files: Vec<&str> = manifest["shards"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| s["file"].as_str().expect("a name"))
        .collect();
    let names: Vec<&str> = sharded.shards.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(files, names);
    let core = CoreReader::from_bytes(&sharded.core).expect("reads");
    for (entry, (name, bytes)) in core.shards().iter().zip(&sharded.shards) {
        assert_eq!(&entry.file_name(), name);
        assert_eq!(entry.hash, shard::shard_hash(bytes));
    }
}

#[test]
fn the_build_writes_each_document_once_and_answers_as_the_whole_index() {
    let bytes = corpus();
    let whole = Index::from_bytes(&bytes).expect("opens");
    let docs: Vec<Document> = whole.parts().entries().map(|(_, e)| e.document.clone()).collect();
    // Below the threshold: the very bytes of the whole index.
    match shard::write(docs.clone(), &[], bytes.len()).expect("writes") {
        Written::Whole(written) => assert_eq!(written, bytes),
        Written::Sharded(_) => panic!("sharded below the threshold"),
    }
    for parts in [3, 9] {
        let Written::Sharded(sharded) = shard::write(docs.clone(), &[], bytes.len() / parts).expect("writes")
        else {
            panic!("not sharded at 1/{parts} of the index");
        };
        assert!(sharded.shards.len() >= 2, "{} shards", sharded.shards.len());
        let mut index =
            Index::sharded(CoreReader::from_bytes(&sharded.core).expect("core reads")).expect("opens");
        for (_, shard) in &sharded.shards {
            index.add_shard(shard).expect("loads");
        }
        assert_eq!(index.parts().term_count(), whole.parts().term_count());
        for q in queries(&whole) {
            for o in options() {
                assert_eq!(
                    index.query(&q, o),
                    whole.query(&q, o),
                    "1/{parts}, query {q:?}, {o:?}"
                );
            }
        }
    }
}

#[test]
fn a_shard_has_no_dictionary_and_reads_only_with_its_core() {
    let bytes = corpus();
    let sharded = split(&bytes, 3);
    for (_, shard) in &sharded.shards {
        // fst_len (header offset 24) is 0: the core's dictionary numbers its terms.
        assert_eq!(&shard[24..28], &[0; 4]);
        let err = IndexReader::from_bytes(shard).expect_err("a shard alone is refused");
        assert!(err.to_string().contains("core"), "{err}");
    }
    let core = CoreReader::from_bytes(&sharded.core).expect("core reads");
    for (_, shard) in &sharded.shards {
        core.open_shard(shard).expect("reads with its core");
    }
}
