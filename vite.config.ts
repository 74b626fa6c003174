import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // `npm run dev` talks to a CTI service started separately (`npm run dev:service`).
    proxy: { '/api': { target: process.env.TSUNAGU_API_URL ?? 'http://127.0.0.1:5180', ws: true } },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  // SIP.js and React make one ~560 kB chunk (≈150 kB gzipped); the softphone needs both at once.
  build: { sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 800 },
});
