import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessMatrixMarkdown } from '#server/auth/access-matrix.ts';

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('shows the generated role × capability matrix (run scripts/access-matrix.ts after changing access.ts)', () => {
    const between = readme.split('<!-- access-matrix:start -->')[1]!.split('<!-- access-matrix:end -->')[0]!.trim();
    expect(between).toBe(accessMatrixMarkdown());
  });
  it('documents every environment variable the app reads', () => {
    const src = ['src/server/config.ts', 'src/server/db/index.ts', 'scripts/start.ts', 'scripts/prepare-db.ts']
      .map((f) => fs.readFileSync(path.resolve(import.meta.dirname, '../..', f), 'utf8'))
      .join('\n');
    const vars = new Set([...src.matchAll(/(?:env|process\.env)\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
    for (const v of vars) expect(readme, `README should document ${v}`).toContain(`\`${v}\``);
  });
});
