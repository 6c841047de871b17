"""Block-level precision/recall of jusText on the labelled pages of this folder.

Each page's blocks become one <p> each (the same blocks Findling's cleaner sees); jusText
runs with the stop list of the page's language and its default settings. Compare with
`cargo test --test cleaning -- --nocapture`, which prints Findling's figures.

    pip install justext==3.0.2 lxml_html_clean==0.4.6
    python3 tests/cleaning/justext_compare.py
"""
import html
import pathlib
import sys

import justext

STOPLISTS = {"de": "German", "da": "Danish", "en": "English"}


def language(name, blocks):
    """The page's language: from its file name, else by jusText-style stop-word counts."""
    prefix = name.split("_")[0]
    if prefix in STOPLISTS:
        return prefix
    words = " ".join(blocks).lower().split()
    counts = {code: sum(w in justext.get_stoplist(lang) for w in words) for code, lang in STOPLISTS.items()}
    return max(counts, key=counts.get)


def main():
    here = pathlib.Path(__file__).parent
    tp = fp = fn = 0
    for path in sorted(here.glob("*.txt")):
        lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        labels = [l.startswith("+ ") for l in lines]
        blocks = [l[2:] for l in lines]
        page = "<html><body>" + "".join(f"<p>{html.escape(b)}</p>" for b in blocks) + "</body></html>"
        stoplist = justext.get_stoplist(STOPLISTS[language(path.stem, blocks)])
        paragraphs = justext.justext(page.encode("utf-8"), stoplist)
        if len(paragraphs) != len(blocks):
            sys.exit(f"{path.name}: jusText returned {len(paragraphs)} paragraphs for {len(blocks)} blocks")
        for p, keep in zip(paragraphs, labels):
            kept = not p.is_boilerplate
            tp += kept and keep
            fp += kept and not keep
            fn += (not kept) and keep
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"jusText: {len(list(here.glob('*.txt')))} pages, precision {precision:.3f}, recall {recall:.3f}")


if __name__ == "__main__":
    main()
