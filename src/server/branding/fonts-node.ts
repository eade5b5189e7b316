import { createRequire } from 'node:module';
import path from 'node:path';
import { FONT_FACES, type FontFace } from '#brand/fonts.ts';

const require = createRequire(import.meta.url);

/** Where a bundled font's TTF lives on disk (inside its @expo-google-fonts package). */
export function fontFilePath(f: FontFace): string {
  return path.join(path.dirname(require.resolve(`${f.pkg}/package.json`)), f.path);
}

export function fontByFile(file: string): FontFace | undefined {
  return FONT_FACES.find((f) => f.file === file);
}
