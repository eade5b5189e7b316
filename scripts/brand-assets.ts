/**
 * Draws the bundled halal-mark placeholder (public/brand/assets/halal-mark.png) with node-canvas.
 * It is a labelled stand-in in the official colour (#670075): a shop replaces it with the BPJPH
 * "Label Halal Indonesia" artwork from its certificate before printing. Run: node scripts/brand-assets.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas, registerFont } from 'canvas';

const root = path.resolve(import.meta.dirname, '..');
const font = (v: string) => path.join(root, 'node_modules/@expo-google-fonts/poppins', v, `Poppins_${v}.ttf`);
registerFont(font('800ExtraBold'), { family: 'Poppins', weight: '800' });
registerFont(font('600SemiBold'), { family: 'Poppins', weight: '600' });

const W = 300;
const H = 360;
const c = createCanvas(W, H);
const ctx = c.getContext('2d');
const purple = '#670075';
ctx.fillStyle = purple;
// A gunungan-like pointed arch: the silhouette family of the national mark.
ctx.beginPath();
ctx.moveTo(150, 8);
ctx.bezierCurveTo(230, 70, 282, 140, 282, 205);
ctx.lineTo(282, 250);
ctx.lineTo(18, 250);
ctx.lineTo(18, 205);
ctx.bezierCurveTo(18, 140, 70, 70, 150, 8);
ctx.closePath();
ctx.fill();
ctx.fillStyle = '#ffffff';
ctx.beginPath();
ctx.moveTo(150, 52);
ctx.bezierCurveTo(205, 95, 240, 150, 240, 200);
ctx.lineTo(240, 214);
ctx.lineTo(60, 214);
ctx.lineTo(60, 200);
ctx.bezierCurveTo(60, 150, 95, 95, 150, 52);
ctx.closePath();
ctx.fill();
ctx.fillStyle = purple;
ctx.textAlign = 'center';
ctx.font = '800 54px "Poppins"';
ctx.fillText('حلال', 150, 180);
ctx.font = '800 58px "Poppins"';
ctx.fillText('HALAL', 150, 312);
ctx.font = '600 27px "Poppins"';
ctx.fillText('INDONESIA', 150, 348);
fs.writeFileSync(path.join(root, 'public/brand/assets/halal-mark.png'), c.toBuffer('image/png'));
console.log('wrote public/brand/assets/halal-mark.png');
