/**
 * Demo product pictures, drawn as SVG and rasterised by sharp at seed time, so a first start shows a
 * catalog with images without shipping photos. Flat, warm illustrations; text uses system fonts only
 * (librsvg ignores @font-face).
 */
export type ArtKind = 'eggs-charred' | 'egg-box' | 'egg-single' | 'eggs-pale' | 'jar' | 'crisps' | 'bread' | 'bun' | 'coffee-bag' | 'beans';

export const ART_SIZE = 480;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An egg; charred ones (telur asin bakar) darken towards the base and carry a few ash specks. */
const egg = (cx: number, cy: number, s: number, shell: string, rot = 0, charred = false) => `
  <g transform="translate(${cx} ${cy}) rotate(${rot}) scale(${s})">
    <ellipse cx="4" cy="8" rx="52" ry="66" fill="#000" opacity=".12"/>
    <path d="M0 -68 C 36 -68 54 -14 54 16 C 54 48 30 66 0 66 C -30 66 -54 48 -54 16 C -54 -14 -36 -68 0 -68 Z" fill="${shell}"/>
    <path d="M0 -68 C 36 -68 54 -14 54 16 C 54 48 30 66 0 66 C -30 66 -54 48 -54 16 C -54 -14 -36 -68 0 -68 Z" fill="url(#${charred ? 'char' : 'pale'})"/>
    ${
      charred
        ? '<circle cx="22" cy="-28" r="4" fill="#2a1c14" opacity=".35"/><circle cx="-26" cy="-6" r="3" fill="#2a1c14" opacity=".3"/><circle cx="30" cy="22" r="5" fill="#2a1c14" opacity=".3"/><circle cx="-8" cy="30" r="3.5" fill="#2a1c14" opacity=".35"/>'
        : '<circle cx="16" cy="-10" r="3" fill="#6d8f86" opacity=".5"/><circle cx="-20" cy="18" r="2.5" fill="#6d8f86" opacity=".5"/><circle cx="6" cy="30" r="2" fill="#6d8f86" opacity=".5"/>'
    }
    <ellipse cx="-18" cy="-30" rx="10" ry="18" fill="#fff" opacity=".28" transform="rotate(-20 -18 -30)"/>
  </g>`;

const halfEgg = (cx: number, cy: number, s: number) => `
  <g transform="translate(${cx} ${cy}) scale(${s})">
    <ellipse cx="4" cy="10" rx="60" ry="44" fill="#000" opacity=".12"/>
    <ellipse cx="0" cy="0" rx="60" ry="44" fill="#fbf7ee" stroke="#d9cdb4" stroke-width="4"/>
    <circle cx="4" cy="2" r="27" fill="#e8741c"/>
    <circle cx="-4" cy="-6" r="9" fill="#f6a04d" opacity=".8"/>
  </g>`;

function illustration(kind: ArtKind, accent: string): string {
  switch (kind) {
    case 'eggs-charred':
      return `<ellipse cx="240" cy="300" rx="170" ry="46" fill="#c79a5b"/><ellipse cx="240" cy="292" rx="160" ry="38" fill="#e0b878"/>
        ${egg(170, 220, 1, '#9b6a45', -12, true)}${egg(300, 214, 1.05, '#8a5a3a', 10, true)}${halfEgg(240, 300, 0.9)}`;
    case 'egg-box':
      return `<rect x="92" y="200" width="296" height="150" rx="14" fill="#b98a52"/><rect x="92" y="200" width="296" height="36" rx="10" fill="#a3763f"/>
        ${[0, 1, 2, 3, 4].map((i) => egg(128 + i * 56, 196, 0.52, i % 2 ? '#8a5a3a' : '#9b6a45', i * 7 - 14, true)).join('')}
        <rect x="150" y="262" width="180" height="54" rx="8" fill="#fff6e6"/><text x="240" y="298" font-family="DejaVu Sans" font-weight="bold" font-size="26" text-anchor="middle" fill="${accent}">HK05</text>`;
    case 'egg-single':
      return `${egg(240, 230, 1.45, '#93623f', 8, true)}`;
    case 'eggs-pale':
      return `<path d="M90 250 Q 240 390 390 250 Z" fill="#c9a36b"/><path d="M90 250 Q 240 370 390 250" fill="none" stroke="#a5804a" stroke-width="6"/>
        ${egg(180, 214, 0.82, '#cfe3dc', -14)}${egg(248, 200, 0.86, '#d8ebe4', 6)}${egg(312, 220, 0.8, '#c6ddd5', 18)}`;
    case 'jar':
      return `<rect x="170" y="150" width="140" height="34" rx="8" fill="#3d3d3d"/><rect x="158" y="180" width="164" height="190" rx="26" fill="#b3261e"/>
        <rect x="158" y="180" width="164" height="190" rx="26" fill="#fff" opacity=".08"/><rect x="176" y="236" width="128" height="74" rx="8" fill="#fff6e6"/>
        <circle cx="240" cy="272" r="22" fill="${accent}"/><rect x="178" y="196" width="14" height="150" rx="7" fill="#fff" opacity=".25"/>
        ${halfEgg(360, 350, 0.55)}`;
    case 'crisps':
      return `<ellipse cx="240" cy="320" rx="160" ry="40" fill="#d9c39a"/>
        ${[
          [170, 270, -20],
          [250, 250, 15],
          [310, 290, 40],
          [210, 300, 70],
          [280, 310, -40],
        ]
          .map(
            ([x, y, r]) =>
              `<path transform="translate(${x} ${y}) rotate(${r})" d="M-46 0 C -30 -30 30 -34 46 -4 C 30 22 -24 26 -46 0 Z" fill="#f2d27a" stroke="#d9a93f" stroke-width="3"/>`,
          )
          .join('')}`;
    case 'bread':
      return `<ellipse cx="240" cy="330" rx="170" ry="30" fill="#000" opacity=".1"/>
        <path d="M90 300 C 90 200 390 200 390 300 L 390 320 C 390 334 90 334 90 320 Z" fill="#c8843f"/>
        <path d="M110 292 C 110 220 370 220 370 292" fill="none" stroke="#e3a862" stroke-width="10" stroke-linecap="round"/>
        ${[170, 240, 310].map((x) => `<path d="M${x - 22} 250 Q ${x} 230 ${x + 22} 250" fill="none" stroke="#8f5420" stroke-width="6" stroke-linecap="round"/>`).join('')}
        <path d="M300 330 C 330 250 420 250 420 300 Z" fill="#f1c232"/>`;
    case 'bun':
      return `<ellipse cx="240" cy="330" rx="150" ry="28" fill="#000" opacity=".1"/>
        <path d="M120 310 C 120 200 360 200 360 310 Z" fill="#b5651d"/><path d="M150 300 C 150 230 330 230 330 300" fill="none" stroke="#d98c3f" stroke-width="10" stroke-linecap="round"/>
        <path d="M200 260 C 220 240 260 240 280 260" fill="none" stroke="#4a2511" stroke-width="14" stroke-linecap="round"/>`;
    case 'coffee-bag':
      return `<path d="M160 140 L 320 140 L 340 370 L 140 370 Z" fill="#3f2a1d"/><rect x="160" y="128" width="160" height="24" rx="4" fill="#2b1c13"/>
        <rect x="176" y="220" width="128" height="92" rx="8" fill="#f3e3c8"/><ellipse cx="240" cy="258" rx="22" ry="30" fill="${accent}"/>
        <path d="M240 232 C 230 250 250 266 240 286" stroke="#f3e3c8" stroke-width="5" fill="none"/>
        ${[
          [370, 340, 20],
          [100, 350, -30],
          [390, 300, 60],
        ]
          .map(
            ([x, y, r]) =>
              `<g transform="translate(${x} ${y}) rotate(${r})"><ellipse rx="16" ry="22" fill="#5a3a22"/><path d="M0 -18 C -6 -6 6 6 0 18" stroke="#2b1c13" stroke-width="3" fill="none"/></g>`,
          )
          .join('')}`;
    case 'beans':
      return `<ellipse cx="240" cy="310" rx="170" ry="52" fill="#d9c3a0"/>
        ${Array.from({ length: 14 }, (_, i) => {
          const x = 120 + ((i * 67) % 240);
          const y = 250 + ((i * 41) % 90);
          const r = (i * 47) % 180;
          return `<g transform="translate(${x} ${y}) rotate(${r})"><ellipse rx="18" ry="25" fill="${i % 3 ? '#5a3a22' : '#6b4429'}"/><path d="M0 -21 C -7 -7 7 7 0 21" stroke="#2b1c13" stroke-width="3" fill="none"/></g>`;
        }).join('')}`;
  }
}

/** An SVG (ART_SIZE square) for a product: background colour, illustration, and a name band. */
export function productArt(opts: { kind: ArtKind; background: string; accent: string; label: string }): Buffer {
  const label = opts.label.length > 30 ? `${opts.label.slice(0, 29)}…` : opts.label;
  const size = Math.min(30, Math.floor(800 / Math.max(label.length, 10)));
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${ART_SIZE}" height="${ART_SIZE}" viewBox="0 0 480 480">
  <defs>
    <linearGradient id="char" x1="0" y1="0" x2="0" y2="1"><stop offset=".35" stop-color="#2a1c14" stop-opacity="0"/><stop offset="1" stop-color="#2a1c14" stop-opacity=".55"/></linearGradient>
    <linearGradient id="pale" x1="0" y1="0" x2="0" y2="1"><stop offset=".4" stop-color="#5f7f77" stop-opacity="0"/><stop offset="1" stop-color="#5f7f77" stop-opacity=".25"/></linearGradient>
  </defs>
  <rect width="480" height="480" fill="${opts.background}"/>
  <circle cx="240" cy="250" r="196" fill="#fff" opacity=".18"/>
  ${illustration(opts.kind, opts.accent)}
  <rect x="0" y="404" width="480" height="76" fill="${opts.accent}"/>
  <text x="240" y="${442 + size / 3}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-weight="bold" font-size="${size}" text-anchor="middle" fill="#fff">${esc(label)}</text>
</svg>`);
}
