//! The HTML and Markdown readers on small fixture folders: a static site whose pages
//! share a header, menu, sidebar, footer and pager, and Markdown sources with front matter.

use findling::clean::clean_pages;
use findling::corpus::{self, BlockKind, Corpus, Page, SkipReason};
use std::path::Path;

mod scratch;
use scratch::Scratch;

fn fixture(name: &str) -> Corpus {
    corpus::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn page<'a>(corpus: &'a Corpus, id: &str) -> &'a Page {
    corpus
        .pages
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no page {id}"))
}

fn text(page: &Page) -> String {
    page.blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The texts of a page's blocks of `kind`.
fn of_kind(page: &Page, kind: BlockKind) -> Vec<&str> {
    page.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

/// Whether a block is the site's "Zurück / Weiter" pager.
fn pager(text: &str) -> bool {
    matches!(text, "Zurück / Weiter" | "Weiter")
}

#[test]
fn site_pages_have_titles_urls_language_and_dates() {
    let site = fixture("site");
    let ids: Vec<&str> = site.pages.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["guide/index", "index", "kontakt", "termine"]);
    let rows = [
        (
            "index",
            "Willkommen im Gartenverein Lindenhof",
            "./",
            Some("2024-05-03"),
        ),
        ("termine", "Termine 2024", "termine.html", Some("2024-04-13")),
        ("kontakt", "Kontakt", "kontakt.html", None),
        (
            "guide/index",
            "Kompost richtig anlegen",
            "guide/",
            Some("2024-03-18"),
        ),
    ];
    for (id, title, url, date) in rows {
        let meta = &page(&site, id).meta;
        assert_eq!(meta.title.as_deref(), Some(title), "{id}");
        assert_eq!(meta.url.as_deref(), Some(url), "{id}");
        assert_eq!(meta.date.as_deref(), date, "{id}");
        assert_eq!(meta.lang.as_deref(), Some("de"), "{id}");
        assert_eq!(meta.source.as_deref(), Some("Gartenverein Lindenhof"), "{id}");
    }
}

#[test]
fn site_chrome_is_not_read_and_content_is() {
    let site = fixture("site");
    for p in &site.pages {
        let text = text(p);
        for chrome in [
            "Startseite",
            "Ratgeber",
            "Aktuelles",
            "Sommerfest am 12. Juli",
            "Impressum",
            "©",
            "Cookies",
            "Akzeptieren",
            "Schlagwörter",
            "classList",
        ] {
            assert!(!text.contains(chrome), "{}: {chrome:?} in\n{text}", p.id);
        }
        let title = p.meta.title.as_deref().unwrap();
        assert!(
            p.blocks.iter().all(|b| b.text != title),
            "{}: the title is also a block",
            p.id
        );
    }
    let termine = page(&site, "termine");
    assert_eq!(
        of_kind(termine, BlockKind::TableRow),
        [
            "Datum Anlass Ort",
            "13. April Frühjahrsputz Vereinsheim",
            "12. Juli Sommerfest mit Tombola Festwiese",
            "5. Oktober Erntedank & Kürbiswiegen Festwiese"
        ]
    );
    let index = page(&site, "index");
    assert!(of_kind(index, BlockKind::ListItem).contains(&"Ein Vereinsheim mit Küche & Werkstatt"));
    assert!(text(index).contains("Familien, Rentner & Studierende"));
    let guide = page(&site, "guide/index");
    assert_eq!(
        of_kind(guide, BlockKind::Code),
        ["while true; do echo \"$(date) $(cat /sys/bus/w1/temp)\" >> kompost.log sleep 600 done"]
    );
    let kontakt = text(page(&site, "kontakt"));
    assert!(kontakt.contains("Der Vorstand ist dienstags von 17 bis 19 Uhr im Vereinsheim erreichbar, sonst per E-Mail an den Vorstand."));
    assert!(
        kontakt.contains("Gartenverein Lindenhof e. V."),
        "text beside a child block, &nbsp; a space"
    );
    assert!(kontakt.contains("Am Lindenhof 7, 04109 Leipzig"));
}

#[test]
fn cleaning_the_site_drops_the_pager_and_keeps_every_block_of_content() {
    let site = fixture("site");
    let cleaned = clean_pages(&site.pages);
    for (p, c) in site.pages.iter().zip(&cleaned) {
        assert_eq!(p.blocks.len(), c.blocks.len());
        for b in &c.blocks {
            assert_eq!(
                b.verdict.kept(),
                !pager(&b.text),
                "{}: {:?} {:?}",
                p.id,
                b.text,
                b.verdict
            );
        }
        assert_eq!(Some(c.title()), p.meta.title.as_deref());
    }
}

#[test]
fn markdown_pages_have_front_matter_metadata_and_plain_text() {
    let md = fixture("markdown");
    assert_eq!(md.skipped(SkipReason::Draft), 1);
    let ids: Vec<&str> = md.pages.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["notes/wrapped", "plain", "toml", "yaml"]);

    let yaml = page(&md, "yaml");
    assert_eq!(
        yaml.meta.title.as_deref(),
        Some("Obstbäume schneiden: der Winterschnitt")
    );
    assert_eq!(
        (yaml.meta.date.as_deref(), yaml.meta.lang.as_deref()),
        (Some("2024-02-10"), Some("de"))
    );
    assert_eq!(yaml.meta.tags, ["Obst", "Schnitt", "Ratgeber"]);
    assert_eq!(yaml.meta.url.as_deref(), Some("yaml/"));
    assert_eq!(yaml.meta.source.as_deref(), Some("Fachberatung"));
    assert_eq!(yaml.blocks[0].text, "Ein Kapitel, das nicht der Titel ist");
    assert_eq!(yaml.blocks[1].text, "Im Februar, bei trockenem Wetter ohne Frost, ist die beste Zeit für den Schnitt von Apfel- und Birnbäumen.");
    assert_eq!(yaml.blocks[3].kind, BlockKind::ListItem);

    let toml = page(&md, "toml");
    assert_eq!(toml.meta.title.as_deref(), Some("Regenwasser sammeln"));
    assert_eq!(
        (toml.meta.date.as_deref(), toml.meta.url.as_deref()),
        (Some("2023-09-01"), Some("ratgeber/regenwasser/"))
    );
    assert_eq!(toml.meta.tags, ["Wasser", "Tonne"]);
    let blocks: Vec<(&str, BlockKind)> = toml.blocks.iter().map(|b| (b.text.as_str(), b.kind)).collect();
    assert_eq!(
        blocks,
        [
            ("A rain barrel under the downpipe collects hundreds of litres a month; see the guide for the filter.", BlockKind::Paragraph),
            ("Roof Litres per year", BlockKind::TableRow),
            ("20 m² 12000", BlockKind::TableRow),
            ("echo \"filter cleaned\" >> log.txt", BlockKind::Code),
        ]
    );

    let plain = page(&md, "plain");
    assert_eq!(
        (plain.meta.title.as_deref(), plain.meta.url.as_deref()),
        (Some("Werkzeug pflegen"), Some("plain/"))
    );
    assert_eq!(plain.blocks.len(), 2);

    let wrapped = page(&md, "notes/wrapped");
    assert_eq!(wrapped.meta.url.as_deref(), Some("notes/wrapped/"));
    assert_eq!(wrapped.blocks.len(), 2);
    assert!(wrapped.blocks[1]
        .text
        .starts_with("Mulch keeps the soil moist in summer and protects the roots in winter, which is why"));
    assert!(md.pages.iter().all(|p| !text(p).contains("Entwurf")));
}

#[test]
fn malformed_front_matter_names_the_file_and_line() {
    let dir = Scratch::new(
        "readers-malformed",
        &[("bad.md", b"---\ntitle: Fine\nthis line is no key\n---\nText\n")],
    );
    let e = corpus::load(&dir).unwrap_err().to_string();
    assert!(e.contains("bad.md") && e.contains('3'), "{e}");
}

#[test]
fn a_large_pages_parts_begin_in_the_section_they_are_in() {
    // One HTML page of about 1.6 MB: a short first section, a long one under a
    // Sphinx-style `<section id>` heading, another under a heading with its own id.
    let paragraphs = |from: usize, bytes: usize| {
        let mut html = String::new();
        let mut i = from;
        while html.len() < bytes {
            html.push_str(&format!(
                "<p>Absatz {i}: Ein Satz mit einigen Wörtern über das Werkzeug, Nummer {i} der Reihe.</p>\n"
            ));
            i += 1;
        }
        (html, i)
    };
    let (first, n) = paragraphs(0, 20_000);
    let (second, m) = paragraphs(n, 2 * corpus::part::PART_BYTES);
    let (third, _) = paragraphs(m, 2 * corpus::part::PART_BYTES);
    let html = format!(
        "<html><head><title>Handbuch</title></head><body><main><h1>Handbuch</h1>{first}\
         <section id=\"pflege\"><h2>Pflege</h2>{second}</section>\
         <h2 id=\"lagerung\">Lagerung</h2>{third}</main></body></html>"
    );
    let dir = Scratch::new("readers-large-sections", &[("big.html", html.as_bytes())]);
    let pages = corpus::load(&dir).unwrap().pages;
    assert!(pages.len() >= 4, "{} parts", pages.len());
    let docs: Vec<_> = clean_pages(&pages)
        .into_iter()
        .zip(&pages)
        .map(|(c, p)| c.into_document(p))
        .collect();
    // The section each part's first paragraph is in, by its number.
    let section_of = |text: &str| {
        let at = text.find("Absatz ").expect("a paragraph");
        let i: usize = text[at + 7..].split(':').next().unwrap().parse().unwrap();
        if i < n {
            None
        } else if i < m {
            Some("pflege")
        } else {
            Some("lagerung")
        }
    };
    for doc in &docs[1..] {
        let begins = doc
            .sections
            .first()
            .filter(|s| s.at == 0)
            .map(|s| s.anchor.as_str());
        assert_eq!(begins, section_of(&doc.text), "{}: {:?}", doc.id, &doc.text[..80]);
    }
    assert!(
        docs.iter()
            .filter(|d| section_of(&d.text) == Some("lagerung"))
            .count()
            >= 1
    );
}
