import type { APIRoute } from 'astro';
import { SESSION_COOKIE, invalidateSession } from '../server/auth/session.ts';

export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  const auth = await locals.auth();
  if (auth) await invalidateSession(auth.session.id);
  cookies.delete(SESSION_COOKIE, { path: '/' });
  return redirect('/', 303);
};
