import type { APIRoute } from 'astro';
import { publicMediaResponse } from '#server/media/public-media-response.ts';

export const GET: APIRoute = ({ params }) => publicMediaResponse(params.shopId ?? '', params.mediaId ?? '', params.file ?? '');
