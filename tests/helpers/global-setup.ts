import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Once per `vitest run`: the folder where tests/helpers/template.ts keeps this run's seeded templates (built on
 * first use, so a run without servers or seeded databases seeds nothing), passed to the workers through the
 * environment they inherit; removed afterwards, with the PostgreSQL template databases it names.
 */
export default function setup(): () => Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-templates-'));
  process.env.ETALASE_TEST_TEMPLATES = dir;
  return async () => {
    const list = path.join(dir, 'pg-templates');
    const lines = fs.existsSync(list) ? fs.readFileSync(list, 'utf8').trim().split('\n') : [];
    for (const line of lines) {
      const [url, name] = line.split(' ');
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
