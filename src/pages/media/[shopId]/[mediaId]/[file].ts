import type { APIRoute } from 'astro';
import { publicMediaResponse } from '#server/media/public-media-response.ts';

export const GET: APIRoute = ({ params, request }) =>
  publicMediaResponse(params.shopId ?? '', params.mediaId ?? '', params.file ?? '', {
    saveData: /^on$/i.test(request.headers.get('save-data')?.trim() ?? ''),
  });
