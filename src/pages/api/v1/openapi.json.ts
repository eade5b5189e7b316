import type { APIRoute } from 'astro';
import { openApiDocument } from '#server/http/openapi.ts';
import { json } from '#server/http/respond.ts';

export const GET: APIRoute = async () => json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
