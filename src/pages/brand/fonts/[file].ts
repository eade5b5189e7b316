import type { APIRoute } from 'astro';
import fs from 'node:fs/promises';
import { fontByFile, fontFilePath } from '#server/branding/fonts-node.ts';

/** The bundled TTF files for the editor: the very files the server renders with. Allowlisted names only. */
export const GET: APIRoute = async ({ params }) => {
  const face = fontByFile(params.file ?? '');
  if (!face) return new Response('Not found', { status: 404 });
  const bytes = await fs.readFile(fontFilePath(face));
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'font/ttf',
      'content-length': String(bytes.byteLength),
      'cache-control': 'public, max-age=31536000, immutable',
      'access-control-allow-origin': '*',
    },
  });
};
