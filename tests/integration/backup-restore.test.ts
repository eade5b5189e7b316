import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '#tests/helpers/db.ts';
import { dbName, ledgerShop, moveOrder, placeOrder, rowCounts, shopProblems, today } from '#tests/helpers/ledger.ts';

const root = path.resolve(import.meta.dirname, '../..');
let env: Awaited<ReturnType<typeof useTestDatabase>>;
let work: string;

function npmScript(script: 'backup' | 'restore', args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'scripts', `${script}.ts`), ...args], {
    cwd: root,
    env: { ...process.env, ...env.env, ...(env.env.DATABASE_URL ? {} : { DATABASE_URL: '' }) },
    encoding: 'utf8',
  });
}

/** What a restore must bring back: the shop's reports, its row counts, and every stored file's bytes. */
async function snapshot(shopId: string) {
  const { getTrialBalance } = await import('#server/ledger/get-trial-balance.ts');
  const { getProfitLoss } = await import('#server/ledger/get-profit-loss.ts');
  const day = await today(shopId);
  const media = path.join(env.dir, 'media');
  const files = Object.fromEntries(
    (fs.readdirSync(media, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((e) => e.isFile())
      .map((e) => {
        const p = path.join(e.parentPath, e.name);
        return [path.relative(media, p), fs.readFileSync(p).toString('base64')];
      }),
  );
  return {
    trial: await getTrialBalance({ shopId, role: 'owner', asOf: day }),
    profit: await getProfitLoss({ shopId, role: 'owner', from: `${day.slice(0, 7)}-01`, to: day }),
    rows: await rowCounts(shopId, { entries: 'journal_entries', orders: 'orders', lines: 'order_lines', moves: 'stock_movements' }),
    files,
  };
}

async function reopen() {
  const { closeDb } = await import('#server/db/index.ts');
  await closeDb();
}

describe(`npm run backup / npm run restore (${dbName})`, () => {
  let shopId: string;
  let before: Awaited<ReturnType<typeof snapshot>>;
  let backupDir: string;

  beforeAll(async () => {
    env = await useTestDatabase({ seed: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-backup-'));
    const shop = await ledgerShop('cadangan');
    shopId = shop.shopId;
    for (let i = 0; i < 3; i++) {
      const o = await placeOrder(shopId, shop.productId, 2);
      for (const to of ['confirmed', 'paid', 'fulfilled'] as const) await moveOrder(shopId, o.orderId, to);
    }
    before = await snapshot(shopId);
    expect(Object.keys(before.files).length).toBeGreaterThan(3);
    expect(before.profit.totalRevenue).toBeGreaterThan(0);
    backupDir = path.join(work, 'b1');
    const r = npmScript('backup', [backupDir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[backup\] (sqlite|postgres) database and \d+ file\(s\)/);
  });
  afterAll(async () => {
    await env?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('restores the database and the stored files as they were when the backup was made', async () => {
    // Life goes on after the backup: more sales, a lost photo, a damaged one.
    await ledgerShop('sesudah');
    await placeOrder(shopId, await snapshotProduct(shopId), 1);
    const files = Object.keys(before.files);
    fs.rmSync(path.join(env.dir, 'media', files[0]!));
    fs.writeFileSync(path.join(env.dir, 'media', files[1]!), 'rusak');
    expect((await snapshot(shopId)).rows.orders).toBe(before.rows.orders + 1);

    await reopen();
    const r = npmScript('restore', [backupDir, '--yes']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const after = await snapshot(shopId);
    expect(after.trial).toEqual(before.trial);
    expect(after.profit).toEqual(before.profit);
    expect(after.rows).toEqual(before.rows);
    expect(after.files).toEqual(before.files);
    expect(await shopProblems(shopId)).toEqual([]);
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    expect(await db().selectFrom('shops').select('id').where('slug', '=', 'sesudah').executeTakeFirst()).toBeUndefined();
  });

  it('refuses to replace an existing database without --yes, and changes nothing', async () => {
    const counted = await snapshot(shopId);
    await reopen();
    const r = npmScript('restore', [backupDir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(await snapshot(shopId)).toEqual(counted);
  });

  it('refuses a damaged backup before touching anything', async () => {
    const damaged = path.join(work, 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(damaged, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    fs.appendFileSync(path.join(damaged, manifest.files[0]!.path), 'x');
    const o = await placeOrder(shopId, await snapshotProduct(shopId), 1);
    const counted = await snapshot(shopId);
    await reopen();
    const r = npmScript('restore', [damaged, '--yes']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing or damaged');
    const after = await snapshot(shopId);
    expect(after).toEqual(counted);
    expect(o.orderId).toBeTruthy();
  });

  it('refuses to write into a folder that is not empty', () => {
    const r = npmScript('backup', [backupDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not empty');
  });
});

async function snapshotProduct(shopId: string): Promise<string> {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  return (await db().selectFrom('products').select('id').where('shop_id', '=', shopId).executeTakeFirstOrThrow()).id;
}
