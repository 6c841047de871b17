# The README's two commands: `make serve` and `make test`. Everything else is a helper.
SHELL := /bin/bash
export PATH := $(CURDIR)/.ci/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8000

.PHONY: serve test pkg site size speed peers bench relevance compounds single-file clean

## Set up what is missing, build pkg/ and serve the demo at http://127.0.0.1:$(PORT)/
serve:
	bash .ci/setup serve
	$(MAKE) pkg
	node .ci/serve.mjs $(PORT)

## Set up what is missing (Chromium included) and run every test suite.
test:
	bash .ci/setup test
	bash .ci/test

## Build the wasm package into pkg/ (wasm-opt from npm binaryen 132); a sharded index's
## shards (FINDLING_SHARD_MB, default 8) go beside the module.
pkg:
	wasm-pack build --target web --release --mode no-install
	node .ci/shards.mjs pkg

## Search for a static site: index the built pages in SITE and write SITE/findling/
## (widget, modules, wasm); then add to any page (see www/widget/README.md):
##   <script type="module" src="/findling/findling-search.js"></script> <findling-search base="/"></findling-search>
site:
	node .ci/site.mjs "$(SITE)"

## Print the shipped size of pkg/ (raw, gzip -9, brotli).
size: pkg
	node tests/bench/size.mjs

## Time per keystroke of the wasm module in node (every prefix of a set of queries).
speed: pkg
	node tests/bench/speed.mjs

## Compare Findling with Pagefind, MiniSearch, lunr, FlexSearch and Orama.
peers:
	bash .ci/setup test
	bash tests/peers/run.sh

## Findling, MiniSearch, FlexSearch and Pagefind side by side in one headless-Chromium run:
## per-keystroke latency, bytes and time to the first result, memory, the widget.
## make bench [CORPUS=folder] [QUERIES=file] [ENGINES=findling,pagefind] (default: all four);
## writes target/bench/report.md. The seeds are
## typed with their own queries (as make speed); another corpus with tests/bench/queries/LANG.txt.
CORPUS ?= seeds
QUERIES ?= $(if $(filter seeds seeds/,$(CORPUS)),tests/bench/queries/seeds.txt,)
bench:
	bash .ci/setup test
	bash tests/bench/run.sh "$(CORPUS)" "$(QUERIES)"

clean:
	cargo clean
	rm -rf pkg

## nDCG@10, MRR@10, Recall@100 on Cranfield and XQuAD de/en, default mode and --any; with
## CORPORA=folder (from ../shared/corpora/fetch.sh) also xquad-de-distract and ddtp-en-knownitem.
relevance:
	bash tests/relevance/run.sh

## Recall and precision of compound-part matching on Wikidata de/da compounds.
compounds:
	bash tests/relevance/compounds.sh

## One self-contained HTML file (wasm inlined) that searches from file://: site/findling.html
single-file: pkg
	node .ci/single-file.mjs
