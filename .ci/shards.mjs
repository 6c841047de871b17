// Copies the shards of a sharded index next to the wasm module: build.rs writes them to its
// OUT_DIR, which cargo names; `cargo build --message-format=json` (a no-op after
// wasm-pack's own build) says where it is. An index without shards removes stale ones.
// Usage: node .ci/shards.mjs PKG_DIR   (what `make pkg` runs after wasm-pack)
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
/** The manifest build.rs writes beside the shards (and this copies into the package). */
export const MANIFEST = "findling-shards.json";

/** Whether a file of a package folder is a shard or the manifest (stale ones are removed). */
const isShardFile = (name) => name === MANIFEST || /^shard-[0-9a-f]{16}\.bin$/.test(name);

/** Build.rs's OUT_DIR of the release wasm build, as cargo reports it. */
export function wasmOutDir(env = process.env) {
  const run = spawnSync("cargo", ["build", "--lib", "--release", "--target", "wasm32-unknown-unknown", "--message-format=json"], {
    cwd: root, env, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"],
  });
  if (run.status !== 0) throw new Error(`cargo build failed (exit ${run.status})`);
  for (const line of run.stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const m = JSON.parse(line);
    if (m.reason === "build-script-executed" && /findling/.test(m.package_id)) return m.out_dir;
  }
  throw new Error("cargo did not report findling's build script output");
}

/** Copies the shards and their manifest into `pkg` (removing stale ones); returns the
 * manifest ({ core, shards: [{ file, bytes }] }) or null for an index without shards. */
export function copyShards(pkg, env = process.env) {
  for (const name of existsSync(pkg) ? readdirSync(pkg) : []) {
    if (isShardFile(name)) rmSync(join(pkg, name));
  }
  const dir = join(wasmOutDir(env), "shards");
  if (!existsSync(join(dir, MANIFEST))) return null;
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8"));
  for (const { file } of manifest.shards) copyFileSync(join(dir, file), join(pkg, file));
  copyFileSync(join(dir, MANIFEST), join(pkg, MANIFEST));
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pkg = resolve(process.argv[2] ?? join(root, "pkg"));
  const manifest = copyShards(pkg);
  if (manifest) {
    const bytes = manifest.shards.reduce((sum, s) => sum + s.bytes, 0);
    console.log(`shards: copied ${manifest.shards.length} shards (${bytes} bytes) and ${MANIFEST} to ${pkg}`);
  }
}
