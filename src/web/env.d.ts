/// <reference types="vite/client" />

// Lets plain TypeScript (and type-aware ESLint) resolve imports of single-file components; vue-tsc reads the real types.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
