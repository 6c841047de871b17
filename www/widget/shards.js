// Loads the shards of a sharded index in the background. Which files, and in what order,
// depend only on the index (the list the core embeds, `searcher.shardFiles()`), never on
// what is typed: the server learns nothing about a reader's searches.

/** Most shard requests in flight at once: enough to fill a connection, few enough to leave
 * the host and the page's other requests room. */
export const PARALLEL_FETCHES = 3;

/**
 * Fetches every shard `searcher` lists, from `base` (a URL the file names resolve
 * against), requests started strictly in list order, and hands each to
 * `searcher.addShard` as it arrives. The first shard is fetched alone, with the whole
 * connection, since the first results wait for it (the build makes it small); once its
 * bytes are in, the rest follow with at most PARALLEL_FETCHES in flight. `onShard(loaded)`
 * is called after each with the fraction of documents now searchable. Resolves when every
 * shard is loaded (at once for an index without shards); rejects on the first failure,
 * with the file named.
 */
export function loadShards(searcher, base, onShard = () => {}) {
  const files = typeof searcher.shardFiles === "function" ? searcher.shardFiles() : [];
  let next = 0;
  let firstIn;
  const first = new Promise((resolve) => { firstIn = resolve; });
  async function fetchNext() {
    while (next < files.length) {
      const url = new URL(files[next++], base);
      let bytes;
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
        bytes = new Uint8Array(await response.arrayBuffer());
      } finally {
        firstIn();
      }
      try {
        searcher.addShard(bytes);
      } catch (e) {
        throw new Error(`${url.pathname}: ${e?.message ?? e}`);
      }
      onShard(searcher.loaded());
    }
  }
  const lanes = Array.from({ length: Math.min(PARALLEL_FETCHES, files.length) },
    (_, i) => (i === 0 ? fetchNext() : first.then(fetchNext)));
  return Promise.all(lanes).then(() => undefined);
}
