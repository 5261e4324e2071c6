import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Paths are derived from this file so the config works from any working directory.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Libraries every page needs; grouped so app changes do not invalidate their cache. */
const VUE_CORE = /[\\/]node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/;
const ELEMENT_PLUS =
  /[\\/]node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|@ctrl|@vueuse|lodash|lodash-es|lodash-unified|dayjs|async-validator|memoize-one|normalize-wheel-es)[\\/]/;
/** Shared app code (not views, not the lazily loaded chart module). */
const APP_SHARED = /[\\/]src[\\/]web[\\/](api|components|composables|constants|utils)[\\/]/;

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [vue()],
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000' },
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    // Element Plus is imported whole (global registration + zh-CN locale); its chunk is expected to be large.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vue', test: VUE_CORE, priority: 20 },
            { name: 'element-plus', test: ELEMENT_PLUS, priority: 10 },
            // Small modules shared by several lazy views: one chunk instead of many sub-kilobyte files.
            { name: 'app-common', test: APP_SHARED, priority: 5, minShareCount: 2 },
            // ECharts is not grouped: it is reached only through a dynamic import and stays in its own lazy chunk.
          ],
        },
      },
    },
  },
});
