import { config } from '../config.ts';

/**
 * The one check for every `next`/`returnTo` the app follows: the value is resolved against PUBLIC_URL and kept
 * only when it stays on that origin. Control characters and backslashes anywhere are refused outright, since
 * browsers drop tab/CR/LF and read `\` as `/` (`/%09/evil.example` would otherwise become `//evil.example`).
 * Returns a same-origin path (with query and fragment), or the fallback.
 */
export function safeNext(next: string | null | undefined, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  const base = new URL(config().publicUrl + '/');
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  return url.pathname + url.search + url.hash;
}
