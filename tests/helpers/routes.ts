import fs from 'node:fs';
import path from 'node:path';

const pagesDir = path.resolve(import.meta.dirname, '../../src/pages');

/** Route patterns of the page files under a folder of src/pages, as Astro names them (Astro.routePattern). */
export function pageRoutes(under: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.astro')) {
        const rel = path
          .relative(pagesDir, p)
          .replace(/\.astro$/, '')
          .replace(/(^|\/)index$/, '');
        out.push(`/${rel}`);
      }
    }
  };
  walk(path.join(pagesDir, under));
  return out.sort();
}

/** Fill [param] / {param} placeholders from samples; throws naming a param that has no sample. */
export function fillRoute(pattern: string, samples: Record<string, string>): string {
  return pattern.replace(/\[(\w+)\]|\{(\w+)\}/g, (_, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const v = samples[name];
    if (v === undefined) throw new Error(`No sample value for route param "${name}" in ${pattern}: add one to the access test`);
    return encodeURIComponent(v);
  });
}
