/**
 * Image sources in a serialised object tree made relative to this site: Fabric serialises an image's
 * resolved (absolute) URL, but the server accepts only the shop's own `/media/…` paths and bundled assets.
 */
export function relativeSources(o: Record<string, unknown>, origin: string): Record<string, unknown> {
  if (typeof o.src === 'string' && o.src.startsWith(`${origin}/`)) o.src = o.src.slice(origin.length);
  if (Array.isArray(o.objects)) o.objects = (o.objects as Record<string, unknown>[]).map((c) => relativeSources(c, origin));
  return o;
}
