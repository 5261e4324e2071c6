// Builds the server (src/cli/hrsp.ts and all it imports from src/) into plain JavaScript in
// dist/server when it is missing or older than its sources, so that `npm start` runs it with plain
// node: compiling TypeScript at run time (tsx) costs a loader thread and ~40 MB of resident memory
// for the life of the process, and seconds at each start. Packages stay imports of node_modules.
//
// `node scripts/ensure-server.mjs` builds if stale; `--force` always builds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/server');
export const serverEntry = path.join(outDir, 'hrsp.js');
// Everything the server bundle is made of: its sources (the web app is built apart), this script, the package list.
const inputs = ['src', 'package.json', 'tsconfig.json', 'scripts/ensure-server.mjs'].map((p) => path.join(root, p));

/** Newest modification time under p; directories count too, so that a deleted or renamed file is a change. */
function newest(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (p === path.join(root, 'src/web')) return 0;
  let t = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, entry)));
  return t;
}

export function serverIsStale() {
  if (!fs.existsSync(serverEntry)) return true;
  const built = fs.statSync(serverEntry).mtimeMs;
  return inputs.some((p) => fs.existsSync(p) && newest(p) > built);
}

/**
 * The three modules that find files next to their source (migrations, the district table, package.json)
 * through import.meta.url get the URL of their source file instead of the bundle's, kept relative to the
 * bundle so that the checkout can move.
 */
const sourceUrlPlugin = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const relative = path.relative(outDir, args.path).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

export async function buildServer() {
  // esbuild comes with tsx (a dependency), which runs the CLI commands and the tests.
  const esbuild = await import('esbuild');
  const staging = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { hrsp: path.join(root, 'src/cli/hrsp.ts') },
    outdir: staging,
    bundle: true,
    // Modules imported on first use (exceljs readers, the API document) become chunks loaded then.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [sourceUrlPlugin],
  });
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--force') || serverIsStale()) {
    console.log('正在构建服务端（首次启动或服务端代码有更新）…');
    await buildServer();
  }
}
