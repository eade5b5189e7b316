import { CAPABILITIES, PAGE_CAPABILITIES, ROLES } from './access.ts';
import { ROUTES } from '../http/routes.ts';
import type { RouteDef } from '../http/api.ts';

/** README's "Who may do what" table, generated from the matrix in access.ts (a test keeps README in step). */
export function accessMatrixMarkdown(): string {
  const head = `| Capability | ${ROLES.join(' | ')} | Pages and API routes |`;
  const sep = `|---|${ROLES.map(() => ':-:').join('|')}|---|`;
  const rows = Object.entries(CAPABILITIES).map(([cap, def]) => {
    const pages = Object.entries(PAGE_CAPABILITIES)
      .filter(([, c]) => c === cap)
      .map(([p]) => `\`${p}\``);
    const apis = (Object.values(ROUTES) as RouteDef[])
      .filter((r) => (r.access.kind === 'shop' || r.access.kind === 'program') && r.access.capability === cap)
      .map((r) => `\`${r.method.toUpperCase()} ${r.path}\``);
    const marks = ROLES.map((role) => ((def.roles as readonly string[]).includes(role) ? '✔' : '—'));
    return `| ${def.en} (\`${cap}\`) | ${marks.join(' | ')} | ${[...pages, ...apis].join(', ') || '—'} |`;
  });
  return [head, sep, ...rows].join('\n');
}
