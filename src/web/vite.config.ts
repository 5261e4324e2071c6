import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

// Paths are derived from this file so the config works from any working directory.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Libraries every page needs; grouped so app changes do not invalidate their cache. */
const VUE_CORE = /[\\/]node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/;

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [
    vue(),
    // Element Plus components and directives (v-loading) are imported where a template uses them, so
    // each page loads only its own; services (ElMessage, ElMessageBox) are imported explicitly.
    // Styles stay the one full stylesheet (loaded up front, cached for a year).
    Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false, dirs: [] }),
    precompress(),
  ],
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000' },
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    // .vite/manifest.json: the module graph bench/assets.ts reads (a dotfile: the server does not serve it).
    manifest: true,
    // The one large chunk is ECharts (barChart), loaded lazily by the pages with a chart.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vue', test: VUE_CORE, priority: 20 },
            // What every page runs before routing (main.ts and its static imports): one file, not a dozen.
            { name: 'boot', tags: ['$initial'], priority: 10 },
            // ECharts is not grouped: it is reached only through a dynamic import and stays in its own lazy chunk.
          ],
        },
      },
    },
  },
});
