/**
 * The open-licence fonts (SIL OFL) bundled with the app. The editor loads these very TTF files with
 * @font-face and the server registers them with node-canvas, so text measures and wraps the same.
 * `file` is served at /brand/fonts/{file}; `pkg` and `path` locate it in node_modules.
 */
export interface FontFace {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  file: string;
  pkg: string;
  path: string;
}

function face(family: string, pkg: string, stem: string, weight: number, style: 'normal' | 'italic', variant: string): FontFace {
  const file = `${stem}_${variant}.ttf`;
  return { family, weight, style, file, pkg, path: `${variant}/${file}` };
}

export const FONT_FACES: FontFace[] = [
  face('Poppins', '@expo-google-fonts/poppins', 'Poppins', 400, 'normal', '400Regular'),
  face('Poppins', '@expo-google-fonts/poppins', 'Poppins', 600, 'normal', '600SemiBold'),
  face('Poppins', '@expo-google-fonts/poppins', 'Poppins', 700, 'normal', '700Bold'),
  face('Poppins', '@expo-google-fonts/poppins', 'Poppins', 800, 'normal', '800ExtraBold'),
  face('Montserrat', '@expo-google-fonts/montserrat', 'Montserrat', 400, 'normal', '400Regular'),
  face('Montserrat', '@expo-google-fonts/montserrat', 'Montserrat', 600, 'normal', '600SemiBold'),
  face('Montserrat', '@expo-google-fonts/montserrat', 'Montserrat', 800, 'normal', '800ExtraBold'),
  face('Playfair Display', '@expo-google-fonts/playfair-display', 'PlayfairDisplay', 400, 'normal', '400Regular'),
  face('Playfair Display', '@expo-google-fonts/playfair-display', 'PlayfairDisplay', 700, 'normal', '700Bold'),
  face('Playfair Display', '@expo-google-fonts/playfair-display', 'PlayfairDisplay', 400, 'italic', '400Regular_Italic'),
  face('Lora', '@expo-google-fonts/lora', 'Lora', 400, 'normal', '400Regular'),
  face('Lora', '@expo-google-fonts/lora', 'Lora', 700, 'normal', '700Bold'),
  face('Lora', '@expo-google-fonts/lora', 'Lora', 400, 'italic', '400Regular_Italic'),
  face('Pacifico', '@expo-google-fonts/pacifico', 'Pacifico', 400, 'normal', '400Regular'),
  face('Bebas Neue', '@expo-google-fonts/bebas-neue', 'BebasNeue', 400, 'normal', '400Regular'),
];

export const FONT_FAMILIES = [...new Set(FONT_FACES.map((f) => f.family))];
export const FONT_WEIGHTS = [...new Set(FONT_FACES.map((f) => f.weight))].sort();

export function fontUrl(f: FontFace): string {
  return `/brand/fonts/${f.file}`;
}

/** The bundled face closest to a requested family/weight/style (what the browser and Pango would pick). */
export function closestFace(family: string, weight: number | string, style: string): FontFace | undefined {
  const w = weight === 'bold' ? 700 : weight === 'normal' ? 400 : Number(weight) || 400;
  const faces = FONT_FACES.filter((f) => f.family === family);
  const sameStyle = faces.filter((f) => f.style === (style === 'italic' ? 'italic' : 'normal'));
  const pool = sameStyle.length ? sameStyle : faces;
  return pool.slice().sort((a, b) => Math.abs(a.weight - w) - Math.abs(b.weight - w))[0];
}
