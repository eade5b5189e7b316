import type { APIRoute } from 'astro';
import { robotsTxt } from '../server/storefront/sitemap.ts';

/** Dynamic so the sitemap line carries PUBLIC_URL. (tests/helpers/server.ts polls this to see the server is up.) */
export const GET: APIRoute = () =>
  new Response(robotsTxt(), {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
