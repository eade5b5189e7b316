import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check arbitraries from a request body's zod schema (through its JSON Schema, as the OpenAPI
 * document shows it): `valid` makes values shaped like the schema (most pass it; the caller filters with
 * the zod schema), `wrong` makes a valid-shaped value with one field replaced by something else (a wrong
 * type, out of range, absent, or an unknown key), and `anyJson` is arbitrary JSON.
 */
type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  additionalProperties?: boolean | Schema;
};

export function jsonSchemaOf(s: z.ZodType): Schema {
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Schema;
}

const DATE = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

function stringArb(s: Schema): fc.Arbitrary<string> {
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = typeof s.maxLength === 'number' ? Math.min(s.maxLength, minLength + 40) : minLength + 40;
  switch (s.format) {
    case 'date':
      return DATE.map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return DATE.map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (typeof s.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(s.pattern))
        .filter((x) => x.length >= minLength && x.length <= ((s.maxLength as number) ?? Infinity));
    } catch {
      /* a pattern JavaScript cannot compile: plain strings */
    }
  }
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ unit: 'grapheme', minLength, maxLength }),
    fc
      .constantFrom('Telur asin', 'Kue Bolu', '0812 3456 7890', '2026-11-30', 'a'.repeat(Math.max(minLength, 1)))
      .filter((x) => x.length >= minLength && x.length <= maxLength),
  );
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
  let min = typeof s.minimum === 'number' ? s.minimum : exMin !== undefined ? exMin + (integer ? 1 : 1e-6) : -1_000_000;
  let max = typeof s.maximum === 'number' ? s.maximum : exMax !== undefined ? exMax - (integer ? 1 : 1e-6) : 1_000_000_000;
  min = Math.max(min, Number.MIN_SAFE_INTEGER);
  max = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (integer) {
    const small = fc.integer({ min: Math.max(min, Math.min(max, 0)), max: Math.min(max, Math.max(min, 0) + 100_000) });
    return fc.oneof(
      small,
      fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
      fc.constant(Math.ceil(min)),
      fc.constant(Math.floor(max)),
    );
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function resolve(s: Schema, root: Schema): Schema {
  if (!s.$ref) return s;
  const parts = s.$ref.replace(/^#\//, '').split('/');
  let cur: unknown = root;
  for (const p of parts) cur = (cur as Record<string, unknown>)[p];
  return resolve(cur as Schema, root);
}

export function validArb(schema: Schema, root: Schema = schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, root);
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => validArb(a, root, depth + 1)));
  if (s.allOf) return validArb(Object.assign({}, ...s.allOf.map((a) => resolve(a, root))) as Schema, root, depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, minLength + (depth > 2 ? 1 : 4));
      return fc.array(s.items ? validArb(s.items, root, depth + 1) : fc.jsonValue(), { minLength, maxLength });
    }
    case 'object':
    case undefined: {
      if (!s.properties && type === undefined) return fc.jsonValue({ maxDepth: 2 });
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validArb(v, root, depth + 1)])), {
        requiredKeys: Object.keys(props).filter((k) => required.has(k)),
      });
      if (typeof s.additionalProperties === 'object' && Object.keys(props).length === 0)
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), validArb(s.additionalProperties, root, depth + 1), { maxKeys: 3 });
      return record;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const WRONG_VALUES: unknown[] = [
  null,
  '',
  ' ',
  -1,
  0,
  1.5,
  1e300,
  -1e300,
  true,
  [],
  {},
  'x'.repeat(10_000),
  '\u0000',
  '<script>',
  "'; drop table orders; --",
  [null],
  { $gt: '' },
  '__proto__',
];

/** A value shaped like the schema with one spot broken: a field replaced, removed, or an unknown key added. */
export function wrongArb(schema: Schema, root: Schema = schema): fc.Arbitrary<unknown> {
  const s = resolve(schema, root);
  const wrongLeaf = fc.oneof(fc.constantFrom(...WRONG_VALUES), fc.jsonValue({ maxDepth: 2 }));
  if (!s.properties || Object.keys(s.properties).length === 0) return fc.oneof(wrongLeaf, validArb(s, root));
  const keys = Object.keys(s.properties);
  return fc
    .tuple(validArb(s, root), fc.constantFrom(...keys), fc.constantFrom('replace', 'remove', 'extra', 'nested'), wrongLeaf)
    .chain(([base, key, how, leaf]) => {
      const obj = { ...(base as Record<string, unknown>) };
      if (how === 'remove') delete obj[key];
      else if (how === 'extra') obj[`x_${key}`] = leaf;
      else if (how === 'nested' && s.properties![key])
        return wrongArb(s.properties![key]!, root).map((inner) => ({ ...obj, [key]: inner }));
      else obj[key] = leaf;
      return fc.constant(obj);
    });
}

export const anyJson = () => fc.jsonValue({ maxDepth: 4 });
