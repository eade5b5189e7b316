import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext } from 'playwright-core';
import { useServerAndBrowser } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';
import { fillRoute, pageRoutes } from '../helpers/routes.ts';

/**
 * Every page of the app (every .astro file under src/pages), opened in Chromium at 360 px as the person who
 * uses it: scanned with axe (no serious or critical violation) and its served HTML checked by the W3C Nu
 * HTML checker (vnu-jar, on the machine's Java; no error). A page file with no entry in VISITS fails the
 * census, so a new page is scanned from the day it is added.
 */
const app = useServerAndBrowser();

type Persona = 'anonymous' | 'owner' | 'staff' | 'officer';
const LOGINS: Record<Exclude<Persona, 'anonymous'>, string> = {
  owner: 'pemilik@hk05.test',
  staff: 'staf@hk05.test',
  officer: 'pendamping@gowa.test',
};

interface Visit {
  persona: Persona;
  /** A path (with route params filled from the samples); default: the pattern itself. */
  path?: string;
  /** The status the visit must get; default 200. */
  status?: number;
  /** Put a product in the cart first (cart and checkout show their form only with items). */
  withCart?: boolean;
}

/** Route pattern → how the census opens it. Dashboard pages not listed here are opened by the owner. */
const VISITS: Record<string, Visit> = {
  '/': { persona: 'anonymous' },
  '/403': { persona: 'staff', path: '/dashboard/[shop]/staf', status: 403 },
  '/404': { persona: 'anonymous', path: '/halaman-yang-tidak-ada', status: 404 },
  '/413': { persona: 'anonymous', status: 413 },
  '/500': { persona: 'anonymous', status: 500 },
  '/503': { persona: 'anonymous', status: 503 },
  '/[shop]': { persona: 'anonymous' },
  '/[shop]/checkout': { persona: 'anonymous', withCart: true },
  '/[shop]/keranjang': { persona: 'anonymous', withCart: true },
  '/[shop]/p/[product]': { persona: 'anonymous' },
  '/[shop]/pesanan': { persona: 'anonymous' },
  '/[shop]/pesanan/[code]/[token]': { persona: 'anonymous' },
  '/akun': { persona: 'owner' },
  '/daftar': { persona: 'anonymous' },
  '/dashboard': { persona: 'owner' },
  '/dashboard/baru': { persona: 'owner' },
  '/desa/[village]': { persona: 'anonymous' },
  '/kecamatan/[district]': { persona: 'anonymous' },
  '/masuk': { persona: 'anonymous' },
  '/lupa-sandi': { persona: 'anonymous' },
  '/program': { persona: 'officer' },
  '/program/toko': { persona: 'officer' },
  '/program/toko/[shopId]': { persona: 'officer' },
  '/tentang': { persona: 'anonymous' },
  '/program/indikator': { persona: 'officer' },
  '/program/tugas': { persona: 'officer' },
  '/program/pelatihan': { persona: 'officer' },
  '/program/pelatihan/[training]': { persona: 'officer' },
  '/survei/[token]': { persona: 'anonymous', path: '/survei/[surveyToken]' },
  '/reset/[token]': { persona: 'anonymous', path: '/reset/[resetToken]' },
  '/undangan/[shopId]/[token]': { persona: 'anonymous', path: '/undangan/[shopId]/[inviteToken]' },
};

const patterns = pageRoutes('');
const visitOf = (pattern: string): Visit | undefined =>
  VISITS[pattern] ?? (pattern.startsWith('/dashboard/[shop]') ? { persona: 'owner' } : undefined);

interface Seen {
  url: string;
  status: number;
  axe: string[];
  html: string;
}
const seen = new Map<string, Seen>();
const nu = new Map<string, string[]>();

/** The W3C Nu checker on a folder of pages, one JVM for all of them; its errors by file name. */
function nuCheck(dir: string): Map<string, string[]> {
  const jar = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  // A deep stack: the checker's RELAX NG matcher recurses deeply on long pages.
  const r = spawnSync('java', ['-Xss16m', '-jar', jar, '--errors-only', '--format', 'json', '--exit-zero-always', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const out = JSON.parse(r.stderr || r.stdout) as {
    messages: { type: string; url?: string; message: string; lastLine?: number; extract?: string }[];
  };
  const byFile = new Map<string, string[]>();
  for (const m of out.messages) {
    if (m.type !== 'error' && m.type !== 'non-document-error') continue;
    const file = path.basename(decodeURIComponent(new URL(m.url ?? 'file:///unknown').pathname));
    byFile.set(file, [...(byFile.get(file) ?? []), `line ${m.lastLine ?? '?'}: ${m.message} [${(m.extract ?? '').trim()}]`]);
  }
  return byFile;
}

beforeAll(async () => {
  const { server, browser } = app;
  const clients = {} as Record<Persona, Client>;
  for (const p of ['anonymous', 'owner', 'staff', 'officer'] as const) {
    clients[p] = new Client(server.url);
    if (p !== 'anonymous') await clients[p].signIn(LOGINS[p], DEMO_PASSWORD);
  }
  const shop = (await (await clients.owner.get('/api/v1/shops/hk05')).json()) as {
    shop: { id: string; village_slug: string; district_slug: string };
  };
  const products = (await (await clients.owner.get('/api/v1/shops/hk05/products')).json()) as { products: { id: string; slug: string }[] };
  const placed = (await (
    await clients.anonymous.post('/api/v1/shops/hk05/orders', {
      items: [{ product: 'telur-asin-bakar-satuan', quantity: 2 }],
      customerName: 'Sampel Sensus',
      customerPhone: '0812 0000 2222',
      delivery: 'pickup',
      payment: 'whatsapp',
    })
  ).json()) as { code: string; statusUrl: string };
  const members = (await (await clients.owner.get('/api/v1/shops/hk05/members')).json()) as { members: { id: string; role: string }[] };
  const staffId = members.members.find((m) => m.role === 'staff')!.id;
  const reset = (await (await clients.owner.post(`/api/v1/users/${staffId}/password-resets`)).json()) as { url: string };
  const invite = (await (await clients.owner.post('/api/v1/shops/hk05/invites')).json()) as { url: string };
  const lastSegment = (u: string) => new URL(u, server.url).pathname.split('/').pop()!;
  // The seeded training for its page; a survey link from a training made here (the seeded participants have answered).
  const training = (await (await clients.officer.get('/api/v1/program/trainings')).json()) as {
    trainings: { id: string; programId: string }[];
  };
  const census = (await (
    await clients.officer.post('/api/v1/program/trainings', {
      programId: training.trainings[0]!.programId,
      title: 'Sensus',
      heldOn: '2026-01-05',
    })
  ).json()) as { id: string };
  const attendance = (await (
    await clients.officer.request(`/api/v1/program/trainings/${census.id}/attendance`, { method: 'PUT', json: { shopIds: [shop.shop.id] } })
  ).json()) as { attendees: { id: string }[] };
  const survey = (await (
    await clients.officer.post(`/api/v1/program/trainings/${census.id}/surveys`, {
      kind: 'pre',
      title: 'Survei sensus',
      questions: [
        { kind: 'likert', key: 'branding', textId: 'Paham merek?', textEn: 'Understand branding?' },
        { kind: 'text', key: 'notes', textId: 'Catatan', textEn: 'Notes' },
      ],
    })
  ).json()) as { id: string };
  const surveyLink = (await (
    await clients.officer.post(`/api/v1/program/surveys/${survey.id}/links`, { attendeeId: attendance.attendees[0]!.id })
  ).json()) as {
    url: string;
  };
  const samples: Record<string, string> = {
    shop: 'hk05',
    shopId: shop.shop.id,
    id: products.products[0]!.id,
    product: 'telur-asin-bakar-satuan',
    code: placed.code,
    token: lastSegment(placed.statusUrl),
    village: shop.shop.village_slug,
    district: shop.shop.district_slug,
    resetToken: lastSegment(reset.url),
    inviteToken: lastSegment(invite.url),
    training: training.trainings[0]!.id,
    surveyToken: lastSegment(surveyLink.url),
  };

  const contexts = new Map<Persona, BrowserContext>();
  const contextFor = async (persona: Persona) => {
    let ctx = contexts.get(persona);
    if (!ctx) {
      ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      const host = new URL(server.url).hostname;
      await ctx.addCookies([...clients[persona].cookies].map(([name, value]) => ({ name, value, domain: host, path: '/' })));
      contexts.set(persona, ctx);
    }
    return ctx;
  };

  const htmlDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-census-'));
  for (const pattern of patterns) {
    const visit = visitOf(pattern);
    if (!visit) continue;
    const ctx = await contextFor(visit.persona);
    const page = await ctx.newPage();
    if (visit.withCart) {
      await page.goto(`${server.url}/hk05/p/telur-asin-bakar-satuan`);
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form.buy button[type=submit]')]);
    }
    const url = server.url + fillRoute(visit.path ?? pattern, samples);
    const res = await page.goto(url);
    const html = res ? await res.text() : '';
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const problems = axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    seen.set(pattern, { url, status: res?.status() ?? 0, axe: problems, html });
    fs.writeFileSync(path.join(htmlDir, `${seen.size}.html`), html);
    await page.close();
  }
  const byFile = nuCheck(htmlDir);
  [...seen.keys()].forEach((pattern, i) => nu.set(pattern, byFile.get(`${i + 1}.html`) ?? []));
  fs.rmSync(htmlDir, { recursive: true, force: true });
  for (const ctx of contexts.values()) await ctx.close();
}, 1_800_000);

describe('every page in Chromium at 360 px: axe and the W3C Nu HTML checker', () => {
  it('the census covers every page file', () => {
    expect(patterns.length).toBeGreaterThan(30);
    expect(patterns.filter((p) => !visitOf(p))).toEqual([]);
  });

  it.each(patterns)('%s', (pattern) => {
    const s = seen.get(pattern);
    expect(s, `${pattern} was not visited`).toBeDefined();
    expect(s!.status, s!.url).toBe(visitOf(pattern)!.status ?? 200);
    expect(s!.axe, `axe: serious or critical violations on ${s!.url}`).toEqual([]);
    expect(nu.get(pattern), `W3C Nu checker errors on ${s!.url}`).toEqual([]);
  });
});
