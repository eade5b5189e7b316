/**
 * What the public pages show from `shops.profile` (JSON owned by the catalog slice's profile editor):
 * about text, opening hours, delivery options and social links. Read tolerantly — strings, lists of
 * strings, or lists of small objects — so a profile written by any version of the editor renders, and
 * anything unexpected is skipped rather than shown raw. Only https links are ever linked.
 */
export interface PublicProfile {
  about: string;
  hours: string[];
  delivery: string[];
  social: { label: string; url: string }[];
}

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function text(v: unknown, max = 300): string {
  return typeof v === 'string' ? v.trim().slice(0, max) : typeof v === 'number' ? String(v) : '';
}

function lines(v: unknown, item: (o: Record<string, unknown>) => string): string[] {
  if (typeof v === 'string') return v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean).slice(0, 14);
  if (Array.isArray(v)) {
    return v.map((x) => (typeof x === 'string' ? x.trim() : x && typeof x === 'object' ? item(x as Record<string, unknown>) : ''))
      .filter(Boolean).slice(0, 14).map((s) => s.slice(0, 200));
  }
  if (v && typeof v === 'object') {
    // { mon: "08.00–17.00", … } or { "Senin–Jumat": "08.00–17.00" }
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort((a, b) => DAY_KEYS.indexOf(a as never) - DAY_KEYS.indexOf(b as never));
    return keys.map((k) => {
      const val = o[k];
      if (typeof val === 'boolean') return val ? k : '';
      const t = text(val, 100) || (val && typeof val === 'object' ? item(val as Record<string, unknown>) : '');
      return t ? `${k}: ${t}` : '';
    }).filter(Boolean).slice(0, 14);
  }
  return [];
}

function hourItem(o: Record<string, unknown>): string {
  const label = text(o.label ?? o.days ?? o.day, 60);
  if (o.closed === true) return label ? `${label}: –` : '';
  const open = text(o.open ?? o.from, 10);
  const close = text(o.close ?? o.to, 10);
  const range = open && close ? `${open}–${close}` : text(o.hours ?? o.value ?? o.text, 60);
  return [label, range].filter(Boolean).join(': ');
}

function deliveryItem(o: Record<string, unknown>): string {
  if (o.enabled === false) return '';
  const label = text(o.label ?? o.name ?? o.method ?? o.type, 80);
  const note = text(o.note ?? o.description ?? o.area, 120);
  return [label, note].filter(Boolean).join(' — ');
}

function safeHttps(u: unknown): string | null {
  if (typeof u !== 'string') return null;
  try {
    const url = new URL(u.trim());
    return url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function socials(v: unknown): { label: string; url: string }[] {
  const out: { label: string; url: string }[] = [];
  const push = (label: string, url: unknown) => {
    const safe = safeHttps(url);
    if (safe && out.length < 6) out.push({ label: label || new URL(safe).hostname.replace(/^www\./, ''), url: safe });
  };
  if (Array.isArray(v)) {
    for (const x of v) {
      if (typeof x === 'string') push('', x);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        push(text(o.label ?? o.network ?? o.type ?? o.name, 40), o.url ?? o.href);
      }
    }
  } else if (v && typeof v === 'object') {
    for (const [k, url] of Object.entries(v as Record<string, unknown>)) push(k.slice(0, 40), url);
  }
  return out;
}

export function readPublicProfile(json: string | null | undefined): PublicProfile {
  let o: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) o = parsed as Record<string, unknown>;
  } catch { /* an unreadable profile shows as empty */ }
  return {
    about: text(o.about, 2000),
    hours: lines(o.hours ?? o.openingHours, hourItem),
    delivery: lines(o.delivery ?? o.deliveryOptions, deliveryItem),
    social: socials(o.social ?? o.socialLinks ?? o.links),
  };
}
