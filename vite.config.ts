import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/**
 * SharedArrayBuffer exists only in a cross-origin isolated page, which needs these two headers on
 * the document and on every script it loads, workers and their chunks included.
 */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

/**
 * Built assets carry a content hash in their names, so they never change: let the browser keep
 * them without asking again. Every process is a new worker that loads its script; without this,
 * each start waits for a revalidation round trip to the server.
 */
const cacheHashedAssets = (
  req: { url?: string },
  res: { setHeader(k: string, v: string): void },
  next: () => void,
) => {
  if (req.url?.startsWith('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  next();
};

function crossOriginIsolation(): Plugin {
  const addHeaders = (_req: unknown, res: { setHeader(k: string, v: string): void }, next: () => void) => {
    for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
    next();
  };
  return {
    name: 'cross-origin-isolation',
    configureServer(server) {
      server.middlewares.use(addHeaders);
    },
    configurePreviewServer(server) {
      server.middlewares.use(addHeaders);
      server.middlewares.use(cacheHashedAssets);
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss(), crossOriginIsolation()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
