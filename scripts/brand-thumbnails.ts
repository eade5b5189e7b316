/**
 * Preview pictures of the starter templates for the studio's template picker
 * (public/brand/templates/{id}.webp), drawn by the server renderer with sample label facts.
 * Run after changing templates: node scripts/brand-thumbnails.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { TEMPLATES } from '../src/brand/templates/index.ts';
import { SAMPLE_FACTS } from '../src/brand/facts.ts';
import { renderPng } from '../src/server/branding/render-node.ts';

const out = path.resolve(import.meta.dirname, '../public/brand/templates');
fs.mkdirSync(out, { recursive: true });
// No shop's own words on a picker every shop sees: generic names where the shop's and the product's will go.
const facts = { ...SAMPLE_FACTS, shopName: 'Nama Usaha', producerName: 'Nama Usaha', productName: 'Nama Produk', tagline: 'Slogan usaha' };
for (const t of TEMPLATES) {
  const png = await renderPng({ shopId: 'none', doc: t.doc, facts, transparent: t.kind === 'logo' }, 360);
  const webp = await sharp(png).webp({ quality: 80, alphaQuality: 90 }).toBuffer();
  fs.writeFileSync(path.join(out, `${t.id}.webp`), webp);
  console.log(t.id, webp.byteLength);
}
