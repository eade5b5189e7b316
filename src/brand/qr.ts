import QRCode from 'qrcode';

/** QR modules of a text (error correction M): size × size booleans, row-major. */
export function qrModules(text: string): { size: number; dark: (r: number, c: number) => boolean } {
  const q = QRCode.create(text || ' ', { errorCorrectionLevel: 'M' });
  const { size, data } = q.modules;
  return { size, dark: (r, c) => data[r * size + c] === 1 };
}

/** Quiet zone in modules around the code. Scanners want 4; 2 keeps small labels readable and still scans. */
export const QR_MARGIN = 2;
