import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';

/**
 * The shop use cases check the caller's role themselves (issue 9 item 1): called with a role that lacks
 * the capability they refuse with 403 and write nothing, whichever page or route calls them.
 */
let env: Awaited<ReturnType<typeof useTestDatabase>>;
let db: typeof import('#server/db/index.ts').db;
let shopId: string;
let ownerId: string;
let staffId: string;

beforeAll(async () => {
  env = await useTestDatabase({ seed: true });
  db = (await import('#tests/helpers/db.ts')).ownerDb;
  shopId = (await db().selectFrom('shops').select('id').where('slug', '=', 'hk05').executeTakeFirstOrThrow()).id;
  ownerId = (await db().selectFrom('users').select('id').where('email', '=', 'pemilik@hk05.test').executeTakeFirstOrThrow()).id;
  staffId = (await db().selectFrom('users').select('id').where('email', '=', 'staf@hk05.test').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await env.close();
});

const rejected = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe(`shop use cases refuse a role without the capability (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('staff cannot invite, remove, list members, read the audit log or edit the shop; nothing is written', async () => {
    const { createInvite } = await import('#server/shops/create-invite.ts');
    const { removeStaff } = await import('#server/shops/remove-staff.ts');
    const { listMembers } = await import('#server/shops/list-members.ts');
    const { listAudit } = await import('#server/shops/list-audit.ts');
    const { updateShop } = await import('#server/shops/update-shop.ts');
    const counts = async () =>
      Promise.all(
        ['shop_invites', 'shop_members', 'audit_log'].map(async (t) =>
          Number(
            (
              await db()
                .selectFrom(t as 'audit_log')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('shop_id', '=', shopId)
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const before = {
      counts: await counts(),
      shop: await db().selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirstOrThrow(),
    };
    const attempts = [
      createInvite({ shopId, userId: staffId, role: 'staff', locale: 'id' }),
      removeStaff({ shopId, userId: staffId, role: 'staff', memberId: staffId }),
      listMembers({ shopId, viewerId: staffId, role: 'staff' }),
      listAudit({ shopId, role: 'staff' }),
      updateShop({ shopId, userId: staffId, role: 'staff', input: { name: 'Diambil alih' } }),
    ];
    for (const a of attempts) expect(await rejected(a)).toMatchObject({ status: 403 });
    expect(await counts()).toEqual(before.counts);
    expect(await db().selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirstOrThrow()).toEqual(before.shop);
    // The owner's role passes the same check.
    expect((await listMembers({ shopId, viewerId: ownerId, role: 'owner' })).map((m) => m.id)).toContain(staffId);
  });
});
