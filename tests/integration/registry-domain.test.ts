import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.ts';

/** Issue 12 data entry: areas, registry, licences, baselines, claim links, program isolation (SQLite, or PostgreSQL with DATABASE_URL). */
let env: Awaited<ReturnType<typeof useTestDatabase>>;
let db: typeof import('#server/db/index.ts').db;
const ids = { programA: '', programB: '', officerA: '', officerB: '', owner: '' };

async function user(name: string) {
  const { newId, nowIso } = await import('#server/util.ts');
  const id = newId();
  await db()
    .insertInto('users')
    .values({ id, name, email: `${id}@x.test`, phone: null, password_hash: 'x', created_at: nowIso() })
    .execute();
  return id;
}

beforeAll(async () => {
  env = await useTestDatabase();
  db = (await import('#tests/helpers/db.ts')).ownerDb;
  const { newId, nowIso } = await import('#server/util.ts');
  for (const k of ['programA', 'programB'] as const) {
    ids[k] = newId();
    await db().insertInto('programs').values({ id: ids[k], slug: k, name: k, created_at: nowIso() }).execute();
  }
  // Program A starts as the demo did: one hand-made kecamatan with two official desa and a local name.
  const d = newId();
  await db().insertInto('districts').values({ id: d, program_id: ids.programA, slug: 'bontomarannu', name: 'Bontomarannu' }).execute();
  for (const [slug, name] of [
    ['romang-lompoa', 'Romang Lompoa'],
    ['balang-balang', 'Balang-Balang'],
    ['borongloe', 'Borongloe'],
  ] as const)
    await db()
      .insertInto('villages')
      .values({ id: `v-${slug}`, program_id: ids.programA, district_id: d, slug, name })
      .execute();
  ids.officerA = await user('Officer A');
  ids.officerB = await user('Officer B');
  ids.owner = await user('Owner');
  await db().insertInto('program_officers').values({ program_id: ids.programA, user_id: ids.officerA }).execute();
  await db().insertInto('program_officers').values({ program_id: ids.programB, user_id: ids.officerB }).execute();
});
afterAll(async () => {
  await env?.close();
});

describe(`registry domain (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('sets a program up from its kabupaten: official codes, existing villages kept, local names stay program-defined; twice changes nothing', async () => {
    const { setProgramKabupaten } = await import('#server/program/set-program-kabupaten.ts');
    const { addProgramArea } = await import('#server/program/add-program-area.ts');
    expect(await setProgramKabupaten({ userId: ids.officerA, programId: ids.programA, kabupatenCode: '73.06' })).toEqual({
      kecamatan: 18,
      desa: 167,
    });
    await setProgramKabupaten({ userId: ids.officerA, programId: ids.programA, kabupatenCode: '73.06' });
    const districts = await db().selectFrom('districts').select(['code']).where('program_id', '=', ids.programA).execute();
    expect(districts).toHaveLength(18);
    expect(districts.every((x) => /^73\.06\.\d\d$/.test(x.code ?? ''))).toBe(true);
    const villages = await db().selectFrom('villages').select(['id', 'name', 'code']).where('program_id', '=', ids.programA).execute();
    expect(villages.filter((v) => v.code !== null)).toHaveLength(167);
    expect(villages.find((v) => v.id === 'v-romang-lompoa')!.code).toBe('73.06.06.1012');
    expect(villages.find((v) => v.id === 'v-balang-balang')!.code).toBeNull();
    expect(
      (await db().selectFrom('programs').select('kabupaten_code').where('id', '=', ids.programA).executeTakeFirstOrThrow()).kabupaten_code,
    ).toBe('73.06');

    const local = await addProgramArea({
      userId: ids.officerA,
      programId: ids.programA,
      input: { name: 'Dusun Baru', parentVillageId: 'v-borongloe' },
    });
    const row = await db()
      .selectFrom('villages')
      .select(['parent_id', 'code', 'district_id'])
      .where('id', '=', local.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ parent_id: 'v-borongloe', code: null });
    // A local area hangs under an official desa only.
    await expect(
      addProgramArea({ userId: ids.officerA, programId: ids.programA, input: { name: 'X', parentVillageId: 'v-balang-balang' } }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(setProgramKabupaten({ userId: ids.officerA, programId: ids.programA, kabupatenCode: '99.99' })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('registers an ownerless shop with its facts, licences and baselines; a claim link (hash only) hands it over once', async () => {
    const { registerShop } = await import('#server/program/register-shop.ts');
    const { saveRegistryFacts } = await import('#server/program/save-registry-facts.ts');
    const { saveLicence } = await import('#server/program/save-licence.ts');
    const { deleteLicence } = await import('#server/program/delete-licence.ts');
    const { recordBaseline } = await import('#server/program/record-baseline.ts');
    const { getRegistryShop } = await import('#server/program/get-registry-shop.ts');
    const { issueClaimLink } = await import('#server/program/issue-claim-link.ts');
    const { acceptInvite } = await import('#server/shops/accept-invite.ts');
    const { registerShopInput } = await import('#server/program/registry-schemas.ts');
    const { sha256Hex } = await import('#server/util.ts');
    const a = { userId: ids.officerA, programId: ids.programA };
    const input = registerShopInput.parse({
      name: 'Kue Bolu Bu Ani',
      whatsapp: '0812-3456-7890',
      villageId: 'v-balang-balang',
      ownerName: 'Ani',
      nib: '1234567890123',
    });
    const shop = await registerShop({ ...a, input });
    expect(await db().selectFrom('shop_members').select('user_id').where('shop_id', '=', shop.id).execute()).toEqual([]);
    const at = { ...a, shopId: shop.id };
    await saveRegistryFacts({
      ...at,
      facts: { ...input, kbli: '10792', businessScale: 'kecil', ovopStar: 4, trainingCohort: 'Angkatan 2', programStartDate: '2025-07-01' },
    });
    const l1 = await saveLicence({
      ...at,
      input: { kind: 'pirt', number: '206730601012325', issuedOn: '2023-01-02', expiresOn: '2028-01-02' },
    });
    const l2 = await saveLicence({ ...at, input: { kind: 'merek', number: 'IDM000123456', issuedOn: null, expiresOn: null } });
    await deleteLicence({ ...at, licenceId: l2.id });
    await recordBaseline({ ...at, input: { month: '2025-06', salesRupiah: 1_000_000, method: 'buku tulis' } });
    await recordBaseline({ ...at, input: { month: '2025-06', salesRupiah: 1_200_000, method: 'wawancara' } });
    await recordBaseline({ ...at, input: { month: '2025-05', salesRupiah: 900_000, method: 'wawancara' } });
    const card = await getRegistryShop(at);
    expect(card.hasOwner).toBe(false);
    expect(card.facts).toMatchObject({
      ownerName: 'Ani',
      nib: '1234567890123',
      kbli: '10792',
      businessScale: 'kecil',
      ovopStar: 4,
      programStartDate: '2025-07-01',
      optOut: false,
    });
    expect(card.licences).toEqual([
      { id: l1.id, kind: 'pirt', number: '206730601012325', issuedOn: '2023-01-02', expiresOn: '2028-01-02' },
    ]);
    expect(card.baselines.map((b) => [b.month, b.salesRupiah, b.method])).toEqual([
      ['2025-05', 900_000, 'wawancara'],
      ['2025-06', 1_200_000, 'wawancara'],
    ]);

    const claim = await issueClaimLink({ ...at, locale: 'id' });
    const token = claim.url.split('/').pop()!;
    expect(claim.whatsappUrl).toContain('wa.me/6281234567890');
    const stored = await db().selectFrom('shop_invites').select(['token_hash', 'role']).where('shop_id', '=', shop.id).execute();
    expect(stored).toEqual([{ token_hash: sha256Hex(token), role: 'owner' }]);
    expect(JSON.stringify(await db().selectFrom('shop_invites').selectAll().execute())).not.toContain(token);
    await acceptInvite({ shopId: shop.id, token, userId: ids.owner });
    expect((await getRegistryShop(at)).hasOwner).toBe(true);
    const other = await user('Someone else');
    await expect(acceptInvite({ shopId: shop.id, token, userId: other })).rejects.toMatchObject({ status: 404 });
  });

  it('an officer of program B sees and edits nothing of program A (404), whatever the use case', async () => {
    const { registerShop } = await import('#server/program/register-shop.ts');
    const { registerShopInput } = await import('#server/program/registry-schemas.ts');
    const shop = await registerShop({
      userId: ids.officerA,
      programId: ids.programA,
      input: registerShopInput.parse({ name: 'Toko A', whatsapp: '081234567891', villageId: 'v-borongloe' }),
    });
    const B = ids.officerB;
    const calls: [string, () => Promise<unknown>][] = [
      ['list', async () => (await import('#server/program/list-registry.ts')).listRegistry({ userId: B, programId: ids.programA })],
      [
        'card',
        async () =>
          (await import('#server/program/get-registry-shop.ts')).getRegistryShop({ userId: B, programId: ids.programA, shopId: shop.id }),
      ],
      [
        'card via own program',
        async () =>
          (await import('#server/program/get-registry-shop.ts')).getRegistryShop({ userId: B, programId: ids.programB, shopId: shop.id }),
      ],
      [
        'facts',
        async () =>
          (await import('#server/program/save-registry-facts.ts')).saveRegistryFacts({
            userId: B,
            programId: ids.programB,
            shopId: shop.id,
            facts: registerShopInput.parse({ name: 'x x', whatsapp: '081234567891', villageId: 'v' }),
          }),
      ],
      [
        'licence',
        async () =>
          (await import('#server/program/save-licence.ts')).saveLicence({
            userId: B,
            programId: ids.programB,
            shopId: shop.id,
            input: { kind: 'halal', number: '123', issuedOn: null, expiresOn: null },
          }),
      ],
      [
        'baseline',
        async () =>
          (await import('#server/program/record-baseline.ts')).recordBaseline({
            userId: B,
            programId: ids.programB,
            shopId: shop.id,
            input: { month: '2025-01', salesRupiah: 1, method: 'x x x' },
          }),
      ],
      [
        'claim',
        async () =>
          (await import('#server/program/issue-claim-link.ts')).issueClaimLink({
            userId: B,
            programId: ids.programB,
            shopId: shop.id,
            locale: 'id',
          }),
      ],
      [
        'areas',
        async () =>
          (await import('#server/program/set-program-kabupaten.ts')).setProgramKabupaten({
            userId: B,
            programId: ids.programA,
            kabupatenCode: '73.06',
          }),
      ],
      [
        'register in A',
        async () =>
          registerShop({
            userId: B,
            programId: ids.programA,
            input: registerShopInput.parse({ name: 'Toko B', whatsapp: '081234567892', villageId: 'v-borongloe' }),
          }),
      ],
    ];
    for (const [name, call] of calls) await expect(call(), name).rejects.toMatchObject({ status: 404 });
    // Registering into one's own program with another program's village is refused too.
    await expect(
      registerShop({
        userId: B,
        programId: ids.programB,
        input: registerShopInput.parse({ name: 'Toko B', whatsapp: '081234567892', villageId: 'v-borongloe' }),
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await db().selectFrom('shop_registry').select('shop_id').where('shop_id', '=', shop.id).execute()).toHaveLength(1);
    expect(await db().selectFrom('shop_licences').select('id').where('shop_id', '=', shop.id).execute()).toHaveLength(0);
  });

  it("the owner's opt-out is kept on the registry row, and facts saved later do not reset it", async () => {
    const { setProgramPrivacy, getProgramPrivacy } = await import('#server/shops/set-program-privacy.ts');
    const { saveRegistryFacts } = await import('#server/program/save-registry-facts.ts');
    const { registryFactsInput } = await import('#server/program/registry-schemas.ts');
    const shop = await db().selectFrom('shops').select('id').where('name', '=', 'Toko A').executeTakeFirstOrThrow();
    await setProgramPrivacy({ shopId: shop.id, userId: ids.owner, optOut: true });
    await saveRegistryFacts({
      userId: ids.officerA,
      programId: ids.programA,
      shopId: shop.id,
      facts: registryFactsInput.parse({ ownerName: 'Baru' }),
    });
    expect(await getProgramPrivacy(shop.id)).toEqual({ optOut: true });
    await setProgramPrivacy({ shopId: shop.id, userId: ids.owner, optOut: false });
    expect(await getProgramPrivacy(shop.id)).toEqual({ optOut: false });
  });
});
