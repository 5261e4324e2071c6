/**
 * Up-front bytes of the web app, per page, as a first visit downloads them before the page shows:
 * the entry script of dist/web/index.html and its static imports (the modulepreload links), plus
 * the route's lazy chunks (layout and view) and their static imports, and the stylesheets of all of
 * them. Read from Vite's module graph (dist/web/.vite/manifest.json), so `npm run build` first.
 * Sizes: raw, gzip (level 9) and brotli (quality 11) as the build's precompression writes them.
 * Goal (issue #17): up-front JavaScript ≤ 200 KB gzip for the login page and the portal home.
 *
 * Run: npm run build && npm run bench:assets [-- <web dir>]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

/** The lazy modules the router loads for each page, as in src/web/router/routes.ts. */
const PAGES: { name: string; path: string; modules: string[] }[] = [
  { name: '登录页', path: '/login', modules: ['layouts/PublicLayout.vue', 'views/auth/LoginView.vue'] },
  { name: '门户首页', path: '/', modules: ['layouts/PublicLayout.vue', 'views/portal/PortalHomeView.vue'] },
];
const GOAL_JS_GZIP = 200 * 1024;

interface Sizes { raw: number; gzip: number; brotli: number }

function sizesOf(file: string): Sizes {
  const data = fs.readFileSync(file);
  return {
    raw: data.length,
    gzip: zlib.gzipSync(data, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function add(a: Sizes, b: Sizes): Sizes {
  return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

/** A chunk and everything it imports statically (what the browser fetches before running it). */
function staticClosure(manifest: Manifest, keys: string[]): { js: Set<string>; css: Set<string> } {
  const js = new Set<string>();
  const css = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest: rebuild (npm run build) or update PAGES`);
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return { js, css };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function main(): void {
  const webDir = path.resolve(process.argv[2] ?? 'dist/web');
  const manifestFile = path.join(webDir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} missing: run npm run build first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
  if (!entry) throw new Error('no entry chunk in the manifest');

  let allMet = true;
  for (const page of PAGES) {
    const { js, css } = staticClosure(manifest, [entry, ...page.modules]);
    const zero: Sizes = { raw: 0, gzip: 0, brotli: 0 };
    const jsSizes = [...js].map((f) => sizesOf(path.join(webDir, f))).reduce(add, zero);
    const cssSizes = [...css].map((f) => sizesOf(path.join(webDir, f))).reduce(add, zero);
    const met = jsSizes.gzip <= GOAL_JS_GZIP;
    allMet &&= met;
    console.log(`${page.name} (${page.path}): ${js.size} JS files, ${css.size} CSS files`);
    console.log(`  JS   raw ${kb(jsSizes.raw)}  gzip ${kb(jsSizes.gzip)}  brotli ${kb(jsSizes.brotli)}  goal ≤ ${kb(GOAL_JS_GZIP)} gzip: ${met ? 'met' : 'NOT met'}`);
    console.log(`  CSS  raw ${kb(cssSizes.raw)}  gzip ${kb(cssSizes.gzip)}  brotli ${kb(cssSizes.brotli)}`);
  }
  console.log(allMet ? 'All pages within the up-front JavaScript goal.' : 'Some pages exceed the up-front JavaScript goal.');
}

main();
