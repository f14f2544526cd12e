import { defineConfig } from 'vite';

// The API and the live hub run in the silo; `npm run dev` proxies them to a silo started with
// `dotnet run -c Release --project silo/Pulse.Silo -- --urls=http://127.0.0.1:5190`.
const api = 'http://127.0.0.1:5190';

export default defineConfig({
  base: '/',
  // JSX through esbuild's automatic runtime: no Babel, no framework plugin.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../ui-dist',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // @microsoft/signalr's ESM build carries /*#__PURE__*/ comments where Rollup cannot use them; harmless.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('@microsoft/signalr')) {
          return;
        }
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/hubs': { target: api, changeOrigin: true, ws: true },
    },
  },
});
