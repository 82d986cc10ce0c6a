// The initial JavaScript a visitor downloads before the first scene: every script index.html
// loads (the entry module, the service-worker fallback) and every chunk it preloads, gzipped as a static host would serve them. Scenes and workers load
// later, on first use, and are not counted (design budget: ≤ 250 kB gzipped).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export async function initialJavaScript(distDir) {
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const files = new Set();
  for (const [, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) files.add(src);
  for (const [, href] of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) files.add(href);
  const chunks = [];
  for (const file of files) {
    const bytes = await readFile(path.join(distDir, file.replace(/^\.?\//, '')));
    chunks.push({ file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
  }
  if (chunks.length === 0) throw new Error('index.html names no script');
  return {
    chunks,
    bytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
    gzipBytes: chunks.reduce((sum, c) => sum + c.gzipBytes, 0),
  };
}
