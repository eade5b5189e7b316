// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { serviceWorker } from './scripts/service-worker.ts';

export default defineConfig({
  output: 'server',
  // Uploads are at most 8 photos of 15 MB; anything larger is refused before it is buffered.
  adapter: node({ mode: 'standalone', bodySizeLimit: 128 * 1024 * 1024 }),
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? 'localhost' },
  // Forms are posted to the same origin; Astro rejects cross-site form POSTs.
  security: { checkOrigin: true },
  compressHTML: true,
  integrations: [serviceWorker()],
  devToolbar: { enabled: false },
  vite: {
    ssr: { external: ['better-sqlite3', 'pg', '@node-rs/argon2', 'sharp', 'canvas', 'fabric', 'pdfkit'] },
  },
});
