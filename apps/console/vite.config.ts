import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `bun run dev` proxies the API and the socket to a running platform (`bun start`, port 3000).
const target = process.env.FLC_CONSOLE_API ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: {
    proxy: {
      '/v1/ws': { target, ws: true },
      '/v1': target,
      '/widget.js': target,
      '/demo': target,
    },
  },
});
