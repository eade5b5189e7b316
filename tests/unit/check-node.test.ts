import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../scripts/check-node.cjs');
const { nodeProblem } = createRequire(import.meta.url)(script) as { nodeProblem: (v: string) => string | null };

describe('the Node version check before install, start and test', () => {
  it('turns away Node older than 22.12 in one line that names the version needed and how to get it', () => {
    for (const v of ['20.19.2', 'v18.20.0', '22.11.0']) {
      const msg = nodeProblem(v)!;
      expect(msg).toContain('>= 22.12');
      expect(msg).toContain(v.replace(/^v/, '').split('.')[0]);
      expect(msg).toContain('npm i -g node@24');
      expect(msg.split('\n')).toHaveLength(1);
    }
  });
  it('lets 22.12 and newer through', () => {
    for (const v of ['22.12.0', '22.20.1', '24.21.0', '26.0.0']) expect(nodeProblem(v)).toBeNull();
  });
  it('exits 0 silently on this Node', () => {
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
  it('is wired before install, start and test in package.json', async () => {
    const pkg = (await import('#package.json', { with: { type: 'json' } })).default as { scripts: Record<string, string> };
    for (const s of ['preinstall', 'prestart', 'pretest']) expect(pkg.scripts[s]).toBe('node scripts/check-node.cjs');
  });
});
