import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rollupOptions: {
        input: {
          // Electron shell, the core it forks into a utilityProcess, and the headless host.
          index: 'electron/main/index.ts',
          core: 'electron/core/utility-entry.ts',
          host: 'electron/host/cli.ts',
          // The core the host runs (and restarts) as a child process.
          'core-child': 'electron/core/child-entry.ts',
          // The route solver's worker_threads entry (core starts it with new Worker(url)).
          'solve-worker': 'electron/core/routing/solve-worker.ts',
          // Plan evaluation's worker thread (routing/planning/evaluator.ts starts it).
          'evaluate-worker': 'electron/core/routing/planning/evaluate-worker.ts',
          // Label preview worker thread (ZPL → PNG), started by devices/preview/zpl-previewer.ts.
          'zpl-preview-worker': 'electron/core/devices/preview/zpl-preview-worker.ts',
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require packages: bundle the contract (and zod) into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias },
    plugins: [react()],
    // Served to browser stations over the network too: ship it minified.
    build: { minify: true, rollupOptions: { input: 'renderer/index.html' } },
  },
});
