import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';

const app = useServerAndBrowser();

const phone = (javaScriptEnabled: boolean) =>
  app.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, javaScriptEnabled });

describe('training survey at 360 px', () => {
  it('an officer records a training and a pre survey, sends a link; the participant answers once without JavaScript; the results show', async () => {
    const officerCtx = await phone(true);
    const page = await officerCtx.newPage();
    await page.goto(`${app.server.url}/masuk?next=${encodeURIComponent('/program/pelatihan')}`);
    await page.fill('input[name=identifier]', 'pendamping@gowa.test');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/program\/pelatihan$/), page.click('main form button[type=submit]')]);

    await page.fill('input[name=title]', 'Kelas foto produk');
    await page.fill('input[name=heldOn]', '2026-05-04');
    await page.fill('input[name=cohort]', 'Angkatan 3');
    await page.selectOption('select[name=villageId]', { label: 'Romang Lompoa' });
    await Promise.all([page.waitForURL(/\/program\/pelatihan\/[a-z0-9]+$/), page.click('main form button[type=submit]')]);
    expect(await page.locator('h1').textContent()).toBe('Kelas foto produk');

    await page.getByLabel(/HK05/).check();
    await Promise.all([page.waitForURL(/ok=attendance/), page.getByRole('button', { name: /Simpan kehadiran/ }).click()]);
    expect(await page.getByLabel(/HK05/).isChecked()).toBe(true);

    // The pre survey starts from the standard questions (branding first); saved as they are.
    const preForm = page.locator('form:has(input[name=kind][value=pre])');
    expect(await preForm.locator('input[name="questions.0.key"]').inputValue()).toBe('branding');
    await Promise.all([page.waitForURL(/ok=survey/), preForm.getByRole('button', { name: /Simpan survei/ }).click()]);

    await Promise.all([
      page.waitForEvent('load'),
      page
        .getByRole('button', { name: /Buat tautan: .*HK05/ })
        .first()
        .click(),
    ]);
    const url = (await page.locator('code.link').textContent())!.trim();
    expect(url).toMatch(/\/survei\/[a-z2-7]{32}$/);
    const wa = (await page.getByRole('link', { name: /WhatsApp/ }).getAttribute('href'))!;
    expect(wa).toMatch(/^https:\/\/wa\.me\/\d+\?text=/);
    expect(decodeURIComponent(wa.split('?text=')[1]!)).toContain(url);

    // The participant's phone, JavaScript off.
    const participantCtx = await phone(false);
    const answer = await participantCtx.newPage();
    const path = new URL(url).pathname;
    expect((await answer.goto(`${app.server.url}${path}`))!.status()).toBe(200);
    const target = await answer.locator('.likert label').first().boundingBox();
    expect(target!.height).toBeGreaterThanOrEqual(44);
    expect(target!.width).toBeGreaterThanOrEqual(44);
    expect(await answer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const groups = answer.locator('fieldset');
    const count = await groups.count();
    expect(count).toBe(3);
    // Submitting with nothing chosen keeps the link: the form comes back with a message.
    const [refused] = await Promise.all([
      answer.waitForResponse((r) => r.request().method() === 'POST'),
      answer.getByRole('button', { name: /Kirim jawaban/ }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await answer.waitForLoadState('load');
    expect(await answer.locator('main').textContent()).toContain('Pilih salah satu nilai.');
    expect(await answer.locator('.field-error').count()).toBe(3);
    for (let i = 0; i < count; i++)
      await groups
        .nth(i)
        .locator('label', { hasText: String(i === 0 ? 4 : 3) })
        .click();
    await answer.locator('textarea').fill('Cara memotret produk dengan HP.');
    await Promise.all([answer.waitForURL(/\/survei\/selesai$/), answer.getByRole('button', { name: /Kirim jawaban/ }).click()]);
    expect(await answer.locator('main').textContent()).toContain('Terima kasih');

    // The link refuses a second use.
    const again = await answer.goto(`${app.server.url}${path}`);
    expect(again!.status()).toBe(404);
    expect(await answer.locator('main').textContent()).toContain('tidak berlaku');
    const replay = await new Client(app.server.url).form(path, { foo: 'bar' });
    expect(replay.status).toBe(404);

    await page.reload();
    expect(await page.locator('main').textContent()).toContain('Jawaban masuk: 1');
    const branding = page.locator('[data-question=branding]').first();
    expect(await branding.locator('tbody td').nth(3).textContent()).toBe('1');
    expect(await branding.locator('tbody td').nth(5).textContent()).toBe('4');
    expect(await page.locator('main').textContent()).toContain('Cara memotret produk dengan HP.');

    // Unticking a shop that has answered keeps it, and the page says why instead of ignoring the change.
    await page.getByLabel(/HK05/).uncheck();
    await Promise.all([page.waitForURL(/ok=attendance/), page.getByRole('button', { name: /Simpan kehadiran/ }).click()]);
    expect(await page.getByLabel(/HK05/).isChecked()).toBe(true);
    expect(await page.getByTestId('attendees-kept').textContent()).toMatch(/Tetap tercatat hadir .*: .+\./);

    // A typo in the title is corrected on the page; with answers in, the training cannot be deleted and says why.
    await page.locator('summary', { hasText: 'Ubah atau hapus pelatihan' }).click();
    const edit = page.locator('form:has(input[name=action][value=edit])');
    expect(await edit.locator('input[name=title]').inputValue()).toBe('Kelas foto produk');
    await edit.locator('input[name=title]').fill('Kelas foto produk dengan HP');
    await Promise.all([page.waitForURL(/ok=training/), edit.getByRole('button', { name: 'Simpan perubahan' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Kelas foto produk dengan HP');
    expect(await page.locator('form:has(input[name=action][value=delete])').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('tidak bisa dihapus karena sudah ada jawaban survei');
    await participantCtx.close();
    await officerCtx.close();
  });

  it('a shop owner cannot open the training pages or the training API', async () => {
    const owner = new Client(app.server.url);
    await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
    expect((await owner.get('/program/pelatihan')).status).toBe(404);
    expect((await owner.get('/api/v1/program/trainings')).status).toBe(404);
    expect((await owner.post('/api/v1/program/trainings', { programId: 'x', title: 'x', heldOn: '2026-01-01' })).status).toBe(404);
    const officer = new Client(app.server.url);
    await officer.signIn('pendamping@gowa.test', DEMO_PASSWORD);
    const { trainings } = (await (await officer.get('/api/v1/program/trainings')).json()) as {
      trainings: { id: string; programId: string }[];
    };
    const seeded = trainings.find((t) => t.id && t.programId)!;
    expect((await owner.get(`/program/pelatihan/${seeded.id}`)).status).toBe(404);
    expect((await owner.get(`/api/v1/program/survey-improvement?programId=${seeded.programId}`)).status).toBe(404);
    // The seeded workshop: two of its three participants improved on branding.
    const improvement = (await (await officer.get(`/api/v1/program/survey-improvement?programId=${seeded.programId}`)).json()) as {
      paired: number;
      improved: number;
    };
    expect(improvement).toMatchObject({ paired: 3, improved: 2 });
  });
});
