/**
 * Builds the starter templates (src/brand/templates/*.json): Fabric object data in the allowlisted
 * form, laid out here with a few helpers so sizes stay in millimetres. Run: node scripts/brand-templates.ts
 * The JSON files are the source the app reads; this script is how they were made.
 */
import fs from 'node:fs';
import path from 'node:path';
import { textFrame } from '#brand/frames.ts';

type O = Record<string, unknown>;
const out = path.resolve(import.meta.dirname, '../src/brand/templates');

/** Label units: 0.1 mm, origin at the bleed corner; trim starts at 3 mm. */
const B = 30;
const mm = (v: number) => Math.round(v * 10 * 100) / 100;
const X = (v: number) => B + mm(v);

function box(x: number, y: number, w: number, h: number, fill: string, extra: O = {}): O {
  return { type: 'Rect', originX: 'left', originY: 'top', left: x, top: y, width: w, height: h, fill, strokeWidth: 0, ...extra };
}
function ellipse(cx: number, cy: number, rx: number, ry: number, fill: string, extra: O = {}): O {
  return { type: 'Ellipse', originX: 'center', originY: 'center', left: cx, top: cy, rx, ry, fill, strokeWidth: 0, ...extra };
}
function circle(cx: number, cy: number, r: number, fill: string, extra: O = {}): O {
  return { type: 'Circle', originX: 'center', originY: 'center', left: cx, top: cy, radius: r, fill, strokeWidth: 0, ...extra };
}
function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, extra: O = {}): O {
  return {
    type: 'Line',
    originX: 'center',
    originY: 'center',
    left: (x1 + x2) / 2,
    top: (y1 + y2) / 2,
    x1: x1 - (x1 + x2) / 2,
    y1: y1 - (y1 + y2) / 2,
    x2: x2 - (x1 + x2) / 2,
    y2: y2 - (y1 + y2) / 2,
    stroke,
    strokeWidth: width,
    fill: '',
    ...extra,
  };
}
function text(
  t: string,
  x: number,
  y: number,
  w: number,
  s: { font: string; weight?: number; size: number; fill: string; align?: string; lh?: number; cs?: number; italic?: boolean },
  extra: O = {},
): O {
  return {
    type: 'Textbox',
    originX: 'left',
    originY: 'top',
    left: x,
    top: y,
    width: w,
    text: t,
    fontFamily: s.font,
    fontWeight: s.weight ?? 400,
    fontStyle: s.italic ? 'italic' : 'normal',
    fontSize: s.size,
    fill: s.fill,
    textAlign: s.align ?? 'left',
    lineHeight: s.lh ?? 1.15,
    charSpacing: s.cs ?? 0,
    styles: [],
    ...extra,
  };
}
function fact(key: string, sample: string, x: number, y: number, w: number, s: Parameters<typeof text>[4], name: string): O {
  return text(sample, x, y, w, s, { factKey: key, name });
}
function qr(x: number, y: number, size: number, fill = '#1d1d1f', bg = '#ffffff'): O {
  return {
    type: 'QrCode',
    originX: 'left',
    originY: 'top',
    left: x,
    top: y,
    width: size,
    height: size,
    fill,
    backgroundColor: bg,
    strokeWidth: 0,
    factKey: 'qr',
    name: 'QR tautan produk',
  };
}
/** The halal mark asset is 300 × 360 px; placed at a width in design units. */
function halal(x: number, y: number, w: number): O {
  const s = w / 300;
  return {
    type: 'Image',
    originX: 'left',
    originY: 'top',
    left: x,
    top: y,
    width: 300,
    height: 360,
    scaleX: s,
    scaleY: s,
    src: '/brand/assets/halal-mark.png',
    factKey: 'halal',
    name: 'Logo halal',
  };
}
function hexagon(cx: number, cy: number, r: number, fill: string, extra: O = {}): O {
  const points = Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return { x: Math.round(r * Math.cos(a) * 100) / 100, y: Math.round(r * Math.sin(a) * 100) / 100 };
  });
  return { type: 'Polygon', originX: 'center', originY: 'center', left: cx, top: cy, points, fill, strokeWidth: 0, ...extra };
}

const S = {
  name: 'Nama produk',
  net: 'Berat bersih 250 g',
  comp: 'Komposisi: bahan-bahan produk',
  prod: 'Diproduksi oleh: nama usaha, alamat lengkap',
  reg: 'P-IRT No. 000000000000000',
  code: 'Kode produksi: A0001',
  exp: 'Baik digunakan sebelum 31 Des 2026',
};

interface Tpl {
  id: string;
  kind: 'label' | 'logo' | 'social';
  name: string;
  nameEn: string;
  category: string;
  page: O;
  background: string;
  objects: O[];
}
const templates: Tpl[] = [];

// 1. Telur asin — 90 × 55 mm, terracotta band with a halved salted egg.
{
  const ink = '#3b2418';
  const brown = '#7a2e0e';
  const f = (size: number, weight = 400) => ({ font: 'Poppins', size, weight, fill: ink, lh: 1.2 });
  templates.push({
    id: 'telur-asin',
    kind: 'label',
    name: 'Telur asin — label kotak',
    nameEn: 'Salted eggs — box label',
    category: 'Makanan',
    page: { kind: 'label', preset: 'rect90x55', widthMm: 90, heightMm: 55 },
    background: '#fbf3e4',
    objects: [
      box(0, 0, X(32), mm(61), brown, { name: 'Pita kiri' }),
      ellipse(X(15.5), X(19), mm(10.5), mm(13), '#fffaf0', { name: 'Putih telur', stroke: '#e8d9bf', strokeWidth: 6 }),
      circle(X(15.5), X(21), mm(6.2), '#f08a24', { name: 'Kuning telur' }),
      circle(X(13.8), X(19.3), mm(1.8), '#f7b267', { name: 'Kilau', opacity: 0.8 }),
      fact(
        'netWeight',
        S.net,
        X(2),
        X(38),
        mm(27),
        { font: 'Poppins', size: 26, weight: 600, fill: '#fbf3e4', align: 'center', lh: 1.15 },
        'Berat bersih',
      ),
      text(
        'Resep turun-temurun',
        X(2),
        X(46.5),
        mm(27),
        { font: 'Lora', size: 24, italic: true, fill: '#f3d9b1', align: 'center' },
        { name: 'Catatan' },
      ),
      fact(
        'productName',
        S.name,
        X(35.5),
        X(3.5),
        mm(51),
        { font: 'Playfair Display', weight: 700, size: 58, fill: brown, lh: 1.0 },
        'Nama produk',
      ),
      line(X(35.5), X(17.2), X(55), X(17.2), '#c8902e', 7, { name: 'Garis emas' }),
      fact('composition', S.comp, X(35.5), X(19.2), mm(51), f(21), 'Komposisi'),
      fact('producer', S.prod, X(35.5), X(25.6), mm(51), f(19), 'Produsen'),
      fact('registration', S.reg, X(35.5), X(34.2), mm(30), f(19, 600), 'Nomor P-IRT'),
      fact('productionCode', S.code, X(35.5), X(37.4), mm(30), f(19), 'Kode produksi'),
      fact('expiry', S.exp, X(35.5), X(40.6), mm(24), f(19, 600), 'Kedaluwarsa'),
      halal(X(61.5), X(41), mm(8.6)),
      qr(X(72), X(37), mm(14.5)),
    ],
  });
}

// 2. Roti — 50 mm round, soft wheat with a crust ring.
{
  const ink = '#40220f';
  const f = (size: number, weight = 400) => ({ font: 'Poppins', size, weight, fill: ink, align: 'center', lh: 1.15 });
  templates.push({
    id: 'roti-bulat',
    kind: 'label',
    name: 'Roti — stiker bulat 50 mm',
    nameEn: 'Bread — 50 mm round sticker',
    category: 'Makanan',
    page: { kind: 'label', preset: 'round50', widthMm: 50, heightMm: 50, round: true },
    background: '#c8742c',
    objects: [
      circle(X(25), X(25), mm(22.6), '#fff4e0', { name: 'Lingkaran dalam' }),
      circle(X(25), X(25), mm(21.4), '', { name: 'Garis putus', stroke: '#c8742c', strokeWidth: 4, strokeDashArray: [14, 10] }),
      text(
        'FRESH DARI OVEN DESA',
        X(11),
        X(6.6),
        mm(28),
        { font: 'Montserrat', weight: 800, size: 14, fill: '#c8742c', align: 'center', cs: 100 },
        { name: 'Judul kecil' },
      ),
      fact(
        'productName',
        S.name,
        X(5),
        X(9),
        mm(40),
        { font: 'Pacifico', size: 40, fill: '#8a3b12', align: 'center', lh: 1.0 },
        'Nama produk',
      ),
      fact('netWeight', S.net, X(7), X(15.6), mm(36), f(17, 600), 'Berat bersih'),
      fact('composition', S.comp, X(5), X(18.4), mm(40), f(14.5), 'Komposisi'),
      fact('producer', S.prod, X(5), X(22.6), mm(40), f(13.5), 'Produsen'),
      fact('registration', S.reg, X(6), X(29.2), mm(26.5), { ...f(13.5, 600), align: 'right' }, 'Nomor P-IRT'),
      fact('productionCode', S.code, X(6), X(31.2), mm(26.5), { ...f(13.5), align: 'right' }, 'Kode produksi'),
      fact('expiry', S.exp, X(7), X(33.2), mm(25.5), { ...f(13.5, 600), align: 'right' }, 'Kedaluwarsa'),
      qr(X(33.5), X(29), mm(8)),
      halal(X(22.6), X(39.2), mm(4.8)),
    ],
  });
}

// 3. Kopi — pouch front 120 × 180 mm, dark roast with a big condensed name.
{
  const cream = '#f3e6d3';
  const dark = '#2b1a12';
  const f = (size: number, weight = 400) => ({ font: 'Poppins', size, weight, fill: cream, lh: 1.25 });
  templates.push({
    id: 'kopi-pouch',
    kind: 'label',
    name: 'Kopi — depan pouch 120×180',
    nameEn: 'Coffee — pouch front 120×180',
    category: 'Minuman',
    page: { kind: 'label', preset: 'pouch120x180', widthMm: 120, heightMm: 180 },
    background: dark,
    objects: [
      box(0, X(112), mm(126), mm(71), '#3d2619', { name: 'Panel bawah' }),
      circle(X(60), X(44), mm(24), '#c08a4b', { name: 'Lingkaran kopi' }),
      ellipse(X(60), X(44), mm(10), mm(15), '#5a3520', { name: 'Biji kopi', angle: -25 }),
      line(X(60), X(31), X(60), X(57), '#c08a4b', 14, { name: 'Belahan biji', angle: -25 }),
      text(
        'KOPI DESA · GOWA',
        X(10),
        X(12),
        mm(100),
        { font: 'Montserrat', weight: 600, size: 34, fill: '#c08a4b', align: 'center', cs: 400 },
        { name: 'Asal' },
      ),
      fact(
        'productName',
        S.name,
        X(8),
        X(72),
        mm(104),
        { font: 'Bebas Neue', size: 150, fill: cream, align: 'center', lh: 0.9, cs: 20 },
        'Nama produk',
      ),
      text(
        'Sangrai sedang · rasa cokelat & karamel',
        X(10),
        X(98.5),
        mm(100),
        { font: 'Lora', italic: true, size: 40, fill: '#e0c9a6', align: 'center' },
        { name: 'Catatan rasa' },
      ),
      fact('netWeight', S.net, X(10), X(117), mm(72), { font: 'Montserrat', weight: 800, size: 40, fill: '#c08a4b' }, 'Berat bersih'),
      fact('composition', S.comp, X(10), X(124.5), mm(70), f(30), 'Komposisi'),
      fact('producer', S.prod, X(10), X(134.5), mm(70), f(28), 'Produsen'),
      box(X(89), X(147.5), mm(19), mm(24), '#f3e6d3', { name: 'Alas logo halal', rx: 20, ry: 20 }),
      fact('registration', S.reg, X(10), X(150), mm(70), f(28, 600), 'Nomor P-IRT'),
      fact('productionCode', S.code, X(10), X(155), mm(70), f(28), 'Kode produksi'),
      fact('expiry', S.exp, X(10), X(160), mm(70), f(28, 600), 'Kedaluwarsa'),
      qr(X(86), X(118), mm(25), dark, cream),
      halal(X(91), X(149), mm(15)),
    ],
  });
}

// 4. Keripik — pouch front, sunny yellow with a chili-red banner.
{
  const red = '#c0262d';
  const ink = '#2a1a0a';
  const f = (size: number, weight = 400) => ({ font: 'Poppins', size, weight, fill: ink, lh: 1.25 });
  templates.push({
    id: 'keripik-pouch',
    kind: 'label',
    name: 'Keripik — depan pouch 120×180',
    nameEn: 'Chips — pouch front 120×180',
    category: 'Makanan',
    page: { kind: 'label', preset: 'pouch120x180', widthMm: 120, heightMm: 180 },
    background: '#ffc83d',
    objects: [
      circle(X(100), X(18), mm(34), '#ffd86b', { name: 'Matahari' }),
      box(0, X(58), mm(126), mm(40), red, { name: 'Pita merah', angle: -4 }),
      text('RENYAH · GURIH', X(10), X(14), mm(100), { font: 'Montserrat', weight: 800, size: 46, fill: red, cs: 200 }, { name: 'Slogan' }),
      text('Camilan khas desa', X(10), X(22), mm(100), { font: 'Pacifico', size: 56, fill: '#7a3d00' }, { name: 'Subjudul' }),
      fact(
        'productName',
        S.name,
        X(6),
        X(62),
        mm(108),
        { font: 'Montserrat', weight: 800, size: 112, fill: '#ffffff', align: 'center', lh: 0.95, cs: -10 },
        'Nama produk',
      ),
      fact(
        'netWeight',
        S.net,
        X(10),
        X(106),
        mm(100),
        { font: 'Montserrat', weight: 800, size: 48, fill: red, align: 'center' },
        'Berat bersih',
      ),
      box(X(6), X(116), mm(108), mm(58), '#fff6dc', { name: 'Kotak info', rx: 30, ry: 30 }),
      fact('composition', S.comp, X(11), X(120), mm(68), f(30), 'Komposisi'),
      fact('producer', S.prod, X(11), X(132), mm(68), f(28), 'Produsen'),
      fact('registration', S.reg, X(11), X(149), mm(68), f(28, 600), 'Nomor P-IRT'),
      fact('productionCode', S.code, X(11), X(154.5), mm(68), f(28), 'Kode produksi'),
      fact('expiry', S.exp, X(11), X(160), mm(68), f(28, 600), 'Kedaluwarsa'),
      qr(X(84), X(120), mm(25)),
      halal(X(89.5), X(150), mm(14)),
    ],
  });
}

// 5. Madu — jar wrap 200 × 60 mm, honey gold with a hexagon comb.
{
  const ink = '#3a2500';
  const f = (size: number, weight = 400) => ({ font: 'Poppins', size, weight, fill: ink, lh: 1.2 });
  const comb: O[] = [];
  const r = mm(5.2);
  for (const [cx, cy] of [
    [14, 12],
    [23, 17.2],
    [14, 22.4],
    [23, 27.6],
    [14, 32.8],
    [23, 38],
    [14, 43.2],
    [5, 17.2],
    [5, 27.6],
    [5, 38],
  ] as const) {
    comb.push(hexagon(X(cx), X(cy), r, cy === 27.6 && cx === 23 ? '#e08e0b' : '#f6b93b', { name: 'Sarang', opacity: cx === 5 ? 0.55 : 1 }));
  }
  templates.push({
    id: 'madu-jar',
    kind: 'label',
    name: 'Madu — label keliling toples 200×60',
    nameEn: 'Honey — jar wrap 200×60',
    category: 'Minuman',
    page: { kind: 'label', preset: 'jar200x60', widthMm: 200, heightMm: 60 },
    background: '#fff3cf',
    objects: [
      box(0, 0, X(32), mm(66), '#fbd46d', { name: 'Panel sarang' }),
      ...comb,
      box(X(146), 0, mm(57), mm(66), '#fbd46d', { name: 'Panel info' }),
      text('MADU HUTAN', X(40), X(7), mm(100), { font: 'Montserrat', weight: 800, size: 34, fill: '#b86e00', cs: 500 }, { name: 'Jenis' }),
      fact(
        'productName',
        S.name,
        X(40),
        X(13),
        mm(100),
        { font: 'Playfair Display', weight: 700, size: 110, fill: ink, lh: 0.95 },
        'Nama produk',
      ),
      text(
        'Murni, dipanen dari hutan Gowa',
        X(40),
        X(29),
        mm(100),
        { font: 'Lora', italic: true, size: 44, fill: '#7a4b00' },
        { name: 'Catatan' },
      ),
      fact('netWeight', S.net, X(40), X(40.5), mm(100), { font: 'Montserrat', weight: 800, size: 40, fill: '#b86e00' }, 'Berat bersih'),
      fact('composition', S.comp, X(40), X(46.5), mm(100), f(26), 'Komposisi'),
      fact('producer', S.prod, X(148), X(4), mm(49), f(22), 'Produsen'),
      fact('registration', S.reg, X(148), X(15), mm(49), f(22, 600), 'Nomor P-IRT'),
      fact('productionCode', S.code, X(148), X(18.5), mm(49), f(22), 'Kode produksi'),
      fact('expiry', S.exp, X(148), X(22), mm(49), f(22, 600), 'Kedaluwarsa'),
      qr(X(148), X(35), mm(20), ink, '#fff8e6'),
      halal(X(173), X(36), mm(13)),
    ],
  });
}

// 6. Anyaman — 90 × 55 mm hang tag for woven crafts, natural fibre tones.
{
  const ink = '#2f3a23';
  const f = (size: number, weight = 400) => ({ font: 'Poppins', size, weight, fill: ink, lh: 1.2 });
  const weave: O[] = [];
  for (let i = 0; i < 7; i++) {
    weave.push(box(X(-3), X(-3 + i * 8.6), mm(30), mm(4.3), i % 2 ? '#c9a66b' : '#b38b4d', { name: 'Anyaman' }));
    weave.push(box(X(-3 + (i % 3) * 9.6), X(-3 + i * 8.6 + 4.3), mm(4.3), mm(4.3), '#8c6a35', { name: 'Anyaman' }));
  }
  templates.push({
    id: 'anyaman-tag',
    kind: 'label',
    name: 'Anyaman — label gantung 90×55',
    nameEn: 'Woven craft — hang tag 90×55',
    category: 'Kerajinan',
    page: { kind: 'label', preset: 'rect90x55', widthMm: 90, heightMm: 55 },
    background: '#f4efe1',
    objects: [
      box(0, 0, X(27), mm(61), '#a37c40', { name: 'Panel anyaman' }),
      ...weave,
      circle(X(12), X(7), mm(2.6), '#f4efe1', { name: 'Lubang tali', stroke: '#5d4520', strokeWidth: 8 }),
      box(X(4), X(38), mm(17), mm(9), '#f4efe1', { name: 'Plakat', rx: 12, ry: 12 }),
      text('GOWA', X(4), X(39.6), mm(17), { font: 'Bebas Neue', size: 52, fill: '#5d4520', align: 'center', cs: 150 }, { name: 'Asal' }),
      text(
        'BUATAN TANGAN',
        X(31),
        X(4),
        mm(55),
        { font: 'Montserrat', weight: 600, size: 20, fill: '#6b7f4a', cs: 350 },
        { name: 'Judul kecil' },
      ),
      fact('productName', S.name, X(31), X(7.2), mm(55), { font: 'Lora', weight: 700, size: 52, fill: ink, lh: 1.0 }, 'Nama produk'),
      fact('netWeight', S.net, X(31), X(19), mm(55), f(22, 600), 'Ukuran / berat'),
      fact('composition', S.comp, X(31), X(22.4), mm(55), f(20), 'Bahan'),
      fact('producer', S.prod, X(31), X(28.6), mm(55), f(19), 'Perajin'),
      fact('registration', S.reg, X(31), X(37.2), mm(36), f(19, 600), 'Nomor registrasi'),
      fact('productionCode', S.code, X(31), X(40.4), mm(36), f(19), 'Kode produksi'),
      fact('expiry', S.exp, X(31), X(43.6), mm(30), f(19), 'Baik digunakan sebelum'),
      halal(X(62), X(44), mm(7)),
      qr(X(71), X(37), mm(15), ink, '#ffffff'),
    ],
  });
}

// 7. Sambal/kue — 90 × 55 mm with a deep green header (roti manis, kue, sambal).
{
  const green = '#1f5e3b';
  const ink = '#1c2a22';
  const f = (size: number, weight = 400) => ({ font: 'Poppins', size, weight, fill: ink, lh: 1.2 });
  templates.push({
    id: 'kue-kotak',
    kind: 'label',
    name: 'Kue & roti — label kotak 90×55',
    nameEn: 'Cakes & bread — box label 90×55',
    category: 'Makanan',
    page: { kind: 'label', preset: 'rect90x55', widthMm: 90, heightMm: 55 },
    background: '#ffffff',
    objects: [
      box(0, 0, mm(96), X(17), green, { name: 'Kepala hijau' }),
      circle(X(84), X(3), mm(12), '#2f7a50', { name: 'Hiasan' }),
      circle(X(4), X(-2), mm(6), '#2f7a50', { name: 'Hiasan' }),
      fact(
        'productName',
        S.name,
        X(4),
        X(3),
        mm(62),
        { font: 'Playfair Display', weight: 700, size: 62, fill: '#ffffff', lh: 1.0 },
        'Nama produk',
      ),
      fact(
        'netWeight',
        S.net,
        X(62),
        X(10.5),
        mm(25),
        { font: 'Poppins', weight: 600, size: 22, fill: '#f6e7b4', align: 'right' },
        'Berat bersih',
      ),
      fact('composition', S.comp, X(4), X(20), mm(58), f(21), 'Komposisi'),
      fact('producer', S.prod, X(4), X(27), mm(58), f(19), 'Produsen'),
      line(X(4), X(35.3), X(62), X(35.3), '#d6e4da', 4, { name: 'Garis' }),
      fact('registration', S.reg, X(4), X(37), mm(40), f(19, 600), 'Nomor P-IRT'),
      fact('productionCode', S.code, X(4), X(40.2), mm(40), f(19), 'Kode produksi'),
      fact('expiry', S.exp, X(4), X(43.4), mm(40), f(19, 600), 'Kedaluwarsa'),
      halal(X(48), X(38), mm(9)),
      qr(X(68), X(24), mm(18), green, '#ffffff'),
      text(
        'Pindai untuk pesan lagi',
        X(64),
        X(42.6),
        mm(26),
        { font: 'Poppins', size: 17, fill: '#2f7a50', align: 'center' },
        { name: 'Ajakan' },
      ),
    ],
  });
}

// Logos: 1000 × 1000 px squares; shopName/tagline are filled in when a design is made from them.
{
  templates.push({
    id: 'logo-lencana',
    kind: 'logo',
    name: 'Logo lencana bulat',
    nameEn: 'Round badge logo',
    category: 'Logo',
    page: { kind: 'logo' },
    background: '',
    objects: [
      circle(500, 500, 470, '#7a2e0e', { name: 'Lencana' }),
      circle(500, 500, 430, '', { name: 'Cincin', stroke: '#f3d9b1', strokeWidth: 10 }),
      circle(500, 500, 405, '', {
        name: 'Cincin titik',
        stroke: '#f3d9b1',
        strokeWidth: 6,
        strokeDashArray: [2, 22],
        strokeLineCap: 'round',
      }),
      ellipse(500, 330, 92, 115, '#fffaf0', { name: 'Telur' }),
      circle(500, 350, 55, '#f08a24', { name: 'Kuning' }),
      text(
        'HK05',
        100,
        470,
        800,
        { font: 'Montserrat', weight: 800, size: 190, fill: '#fbf3e4', align: 'center', lh: 1, cs: 20 },
        { factKey: 'shopName', name: 'Nama usaha' },
      ),
      line(330, 700, 670, 700, '#c8902e', 8, { name: 'Garis emas' }),
      text(
        'TELUR ASIN BAKAR',
        200,
        728,
        600,
        { font: 'Montserrat', weight: 600, size: 40, fill: '#f3d9b1', align: 'center', cs: 200 },
        { factKey: 'tagline', name: 'Tagline' },
      ),
    ],
  });
  templates.push({
    id: 'logo-daun',
    kind: 'logo',
    name: 'Logo daun & huruf',
    nameEn: 'Leaf & wordmark logo',
    category: 'Logo',
    page: { kind: 'logo' },
    background: '',
    objects: [
      box(60, 60, 880, 880, '#f5f0e3', { rx: 180, ry: 180, name: 'Latar' }),
      ellipse(500, 330, 110, 210, '#2f7a50', { angle: 35, name: 'Daun 1' }),
      ellipse(500, 330, 110, 210, '#6fae5a', { angle: -35, name: 'Daun 2' }),
      line(500, 210, 500, 470, '#f5f0e3', 10, { name: 'Tulang daun' }),
      text(
        'Nama Usaha',
        110,
        560,
        780,
        { font: 'Pacifico', size: 130, fill: '#1f5e3b', align: 'center', lh: 1 },
        { factKey: 'shopName', name: 'Nama usaha' },
      ),
      text(
        'HASIL BUMI DESA',
        110,
        770,
        780,
        { font: 'Montserrat', weight: 600, size: 44, fill: '#6b7f4a', align: 'center', cs: 300 },
        { factKey: 'tagline', name: 'Tagline' },
      ),
    ],
  });
  templates.push({
    id: 'logo-cap',
    kind: 'logo',
    name: 'Logo cap modern',
    nameEn: 'Modern stamp logo',
    category: 'Logo',
    page: { kind: 'logo' },
    background: '',
    objects: [
      box(90, 90, 820, 820, '#1d2b4f', { rx: 60, ry: 60, name: 'Kotak' }),
      box(130, 130, 740, 740, '', { rx: 36, ry: 36, stroke: '#f6b93b', strokeWidth: 10, name: 'Bingkai' }),
      text(
        'NAMA',
        150,
        300,
        700,
        { font: 'Bebas Neue', size: 300, fill: '#ffffff', align: 'center', lh: 0.9, cs: 40 },
        { factKey: 'shopName', name: 'Nama usaha' },
      ),
      box(260, 600, 480, 8, '#f6b93b', { name: 'Garis' }),
      text(
        'SEJAK 2024 · GOWA',
        150,
        650,
        700,
        { font: 'Montserrat', weight: 600, size: 46, fill: '#f6b93b', align: 'center', cs: 250 },
        { factKey: 'tagline', name: 'Tagline' },
      ),
    ],
  });
}

// Social post: 1080 × 1080, "produk baru" announcement.
templates.push({
  id: 'post-produk-baru',
  kind: 'social',
  name: 'Post "Produk baru"',
  nameEn: '"New product" post',
  category: 'Media sosial',
  page: { kind: 'social' },
  background: '#fbf3e4',
  objects: [
    circle(880, 190, 330, '#f08a24', { name: 'Lingkaran', opacity: 0.9 }),
    circle(1010, 1010, 230, '#7a2e0e', { name: 'Lingkaran 2' }),
    text('PRODUK BARU', 90, 110, 700, { font: 'Montserrat', weight: 800, size: 60, fill: '#7a2e0e', cs: 300 }, { name: 'Label' }),
    text(
      'Nama Produk',
      90,
      330,
      900,
      { font: 'Playfair Display', weight: 700, size: 130, fill: '#2b1a12', lh: 1 },
      { factKey: 'shopName', name: 'Judul' },
    ),
    text(
      'Pesan sekarang lewat WhatsApp — dikirim dari desa, masih hangat.',
      90,
      560,
      720,
      { font: 'Poppins', size: 44, fill: '#3b2418', lh: 1.3 },
      { factKey: 'tagline', name: 'Ajakan' },
    ),
    box(90, 800, 440, 110, '#1a7f44', { rx: 55, ry: 55, name: 'Tombol' }),
    text(
      'Pesan sekarang',
      90,
      828,
      440,
      { font: 'Poppins', weight: 600, size: 44, fill: '#ffffff', align: 'center' },
      { name: 'Teks tombol' },
    ),
  ],
});

/** Every text gets its frame (frames.ts): longer shop names and facts shrink to fit it instead of spilling out. */
function framed(page: O, objects: O[]): O[] {
  return objects.map((o) => {
    if (o.type !== 'Textbox') return o;
    const f = textFrame(page as never, objects, o);
    const r = (v: number) => Math.round(v * 100) / 100;
    return { ...o, left: r(f.left), top: r(f.top), width: r(f.width), frameHeight: r(f.height) };
  });
}

fs.mkdirSync(out, { recursive: true });
for (const t of templates) {
  const { id, name, nameEn, category, kind, page, background } = t;
  const objects = framed(page, t.objects);
  fs.writeFileSync(
    path.join(out, `${id}.json`),
    JSON.stringify({ id, name, nameEn, category, kind, doc: { v: 1, page, background, objects } }, null, 1) + '\n',
  );
}
console.log(`wrote ${templates.length} templates`);
