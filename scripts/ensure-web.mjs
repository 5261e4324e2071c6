// Builds the web app when dist/web is missing or older than its sources, so that
// `npm install && npm start` works on a fresh clone without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const out = path.resolve('dist/web/index.html');
function newest(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
if (built === 0 || newest(path.resolve('src/web')) > built) {
  console.log('正在构建前端（首次启动或前端代码有更新）…');
  // NODE_ENV=production: run from the test runner (NODE_ENV=test) Vite would otherwise bundle Vue's
  // development build (larger, with dev warnings), and the browser suites would test another app.
  const env = { ...process.env, NODE_ENV: 'production' };
  const r = spawnSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
