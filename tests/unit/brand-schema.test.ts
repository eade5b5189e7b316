import { describe, expect, it } from 'vitest';
import { checkCaps, designDoc, pickAllowed, srcForm, MAX_OBJECTS } from '#brand/schema.ts';
import { contrastRatio, readablePair, readableOn } from '#brand/contrast.ts';
import { FACT_KEYS, missingFacts, registrationValid, SAMPLE_FACTS, EMPTY_FACTS, factText, formatLabelDate } from '#brand/facts.ts';
import { TEMPLATES } from '#brand/templates/index.ts';
import { geometry, printPixels } from '#brand/kinds.ts';

const base = { v: 1, page: { kind: 'logo' }, background: '' };
const doc = (objects: unknown[]) => ({ ...base, objects });

describe('design allowlist', () => {
  it('accepts every starter template as it is stored', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(8);
    for (const t of TEMPLATES) expect(designDoc.safeParse(t.doc).success, t.id).toBe(true);
  });

  it('every label template binds every label fact (name, weight, composition, producer, registration, code, expiry, halal, QR)', () => {
    const labels = TEMPLATES.filter((t) => t.kind === 'label');
    expect(labels.length).toBeGreaterThanOrEqual(6);
    for (const t of labels) {
      const keys = new Set(t.doc.objects.map((o) => (o as { factKey?: string }).factKey).filter(Boolean));
      for (const k of FACT_KEYS) expect(keys.has(k), `${t.id} binds ${k}`).toBe(true);
    }
  });

  it('rejects unknown object types and unknown properties (no event handlers, no arbitrary attributes)', () => {
    expect(designDoc.safeParse(doc([{ type: 'IText', text: 'x' }])).success).toBe(false);
    expect(designDoc.safeParse(doc([{ type: 'Rect', width: 10, onload: 'alert(1)' }])).success).toBe(false);
    expect(designDoc.safeParse(doc([{ type: 'Rect', width: 10, clipPath: { type: 'Rect' } }])).success).toBe(false);
    expect(designDoc.safeParse(doc([{ type: 'Rect', width: 10, __proto__x: 1 }])).success).toBe(false);
    expect(designDoc.safeParse({ ...doc([]), extra: 1 }).success).toBe(false);
  });

  it('allows only plain colours (gradients and patterns are refused) and only bundled fonts', () => {
    expect(designDoc.safeParse(doc([{ type: 'Rect', fill: '#ff0000' }])).success).toBe(true);
    expect(designDoc.safeParse(doc([{ type: 'Rect', fill: 'rgba(1,2,3,0.5)' }])).success).toBe(true);
    expect(
      designDoc.safeParse(doc([{ type: 'Rect', fill: { type: 'linear', colorStops: [{ offset: 0, color: 'red;x' }] } }])).success,
    ).toBe(false);
    expect(designDoc.safeParse(doc([{ type: 'Rect', fill: 'url(javascript:alert(1))' }])).success).toBe(false);
    expect(designDoc.safeParse(doc([{ type: 'Textbox', text: 'a', fontFamily: 'Comic Sans' }])).success).toBe(false);
    expect(designDoc.safeParse(doc([{ type: 'Textbox', text: 'a', styles: { 0: { 0: { fill: 'red' } } } }])).success).toBe(false);
  });

  it('caps: 500 objects, nesting depth 4, 1 MB', () => {
    const many = doc(Array.from({ length: 10_000 }, () => ({ type: 'Rect', width: 1 })));
    expect(checkCaps(many)?.key).toBe('brand.design.tooManyObjects');
    expect(checkCaps(doc(Array.from({ length: MAX_OBJECTS }, () => ({ type: 'Rect' }))))).toBeNull();
    let nest: Record<string, unknown> = { type: 'Rect' };
    for (let i = 0; i < 6; i++) nest = { type: 'Group', objects: [nest] };
    expect(checkCaps(doc([nest]))?.key).toBe('brand.design.tooDeep');
    expect(checkCaps(doc([{ type: 'Textbox', text: 'x'.repeat(1_100_000) }]))?.key).toBe('brand.design.tooLarge');
  });

  it('image sources: only /media/{shop}/{id}/{w}.png or bundled assets', () => {
    expect(srcForm('/media/abc/def/1280.png')).toEqual({ kind: 'media', shopId: 'abc', mediaId: 'def', width: '1280' });
    expect(srcForm('/brand/assets/halal-mark.png')).toEqual({ kind: 'asset', name: 'halal-mark' });
    for (const bad of [
      'https://evil.example/x.png',
      'http://127.0.0.1/admin',
      'file:///etc/passwd',
      'data:image/png;base64,AAAA',
      'javascript:alert(1)',
      '//evil.example/x.png',
      '/media/abc/def/../../x.png',
      '/brand/assets/unknown.png',
      '/media/abc/def/original',
    ]) {
      expect(srcForm(bad), bad).toBeNull();
    }
  });

  it('the editor keeps only allowlisted keys when serializing', () => {
    const out = pickAllowed({
      type: 'Textbox',
      text: 'Hi',
      fontFamily: 'Poppins',
      pathSide: 'left',
      onload: 'x',
      styles: { a: 1 },
      factKey: 'productName',
    });
    expect(out).toEqual({ type: 'Textbox', text: 'Hi', fontFamily: 'Poppins', styles: [], factKey: 'productName' });
  });
});

describe('label facts', () => {
  it('lists missing mandatory facts in Indonesian label terms', () => {
    expect(missingFacts(SAMPLE_FACTS)).toEqual([]);
    expect(missingFacts(EMPTY_FACTS)).toEqual([
      'brand.missing.productName',
      'brand.missing.composition',
      'brand.missing.netWeight',
      'brand.missing.producerName',
      'brand.missing.producerAddress',
      'brand.missing.registration',
      'brand.missing.productionCode',
      'brand.missing.expiry',
    ]);
    expect(missingFacts({ ...SAMPLE_FACTS, registrationNumber: '12345' })).toEqual(['brand.missing.registrationFormat']);
  });
  it('P-IRT needs at least 15 digits; BPOM MD at least 12', () => {
    expect(registrationValid('pirt', '2067371010123-29')).toBe(true);
    expect(registrationValid('pirt', '20673710101')).toBe(false);
    expect(registrationValid('bpom_md', '231110012345')).toBe(true);
  });
  it('formats fact texts the way labels print them', () => {
    expect(factText('expiry', SAMPLE_FACTS)).toBe('Baik digunakan sebelum 30 Des 2026');
    expect(factText('registration', SAMPLE_FACTS)).toBe('P-IRT No. 2067371010123-29');
    expect(factText('registration', { ...SAMPLE_FACTS, registrationKind: 'bpom_md', registrationNumber: '231110012345' })).toBe(
      'BPOM RI MD 231110012345',
    );
    expect(formatLabelDate('2027-05-01')).toBe('1 Mei 2027');
  });
});

describe('contrast', () => {
  it('picks black or white text, or darkens the colour, for at least 4.5:1', () => {
    for (const c of ['#ffffff', '#000000', '#f6b93b', '#8a3b12', '#1a7f44', '#ff0000', '#777777', '#7fb3ff', '#ffff00', '#808080']) {
      const p = readablePair(c);
      expect(contrastRatio(p.bg, p.fg), c).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(readableOn(c), '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
    }
    expect(readablePair('#ffff00').fg).toBe('#000000');
    expect(readablePair('#7a2e0e').fg).toBe('#ffffff');
  });
});

describe('geometry', () => {
  it('labels are trim + 3 mm bleed; print raster is 300 DPI', () => {
    const g = geometry({ kind: 'label', widthMm: 90, heightMm: 55 });
    expect([g.width, g.height]).toEqual([960, 610]);
    expect(g.trim).toEqual({ left: 30, top: 30, width: 900, height: 550 });
    const px = printPixels({ kind: 'label', widthMm: 90, heightMm: 55 });
    expect(px.width).toBe(Math.floor((96 / 25.4) * 300));
  });
});
