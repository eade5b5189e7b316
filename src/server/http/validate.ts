import type { z } from 'zod';
import { Invalid, type FieldErrors } from '../errors.ts';
import { t, type Locale } from '#i18n/index.ts';

/** Turn a zod issue into a message in the user's language. Schemas use message keys as their messages. */
function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  const msg = issue.message;
  if (msg && /^[a-z]+\.[A-Za-z.]+$/.test(msg)) return t(locale, msg);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? t(locale, 'validation.required')
        : t(locale, 'validation.invalid');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t(locale, 'validation.required')
          : t(locale, 'validation.tooShort', { min: Number(issue.minimum) });
      }
      return t(locale, 'validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t(locale, 'validation.tooLong', { max: Number(issue.maximum) });
      return t(locale, 'validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t(locale, 'validation.email') : t(locale, 'validation.invalid');
    case 'invalid_value':
      return t(locale, 'validation.choice');
    case 'unrecognized_keys':
      return t(locale, 'validation.unknownField', { fields: issue.keys.join(', ') });
    default:
      return t(locale, 'validation.invalid');
  }
}

export function fieldErrors(error: z.ZodError, locale: Locale): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    (fields[key] ??= []).push(issueMessage(issue, locale));
  }
  return fields;
}

/**
 * U+0000 in any string (keys too): PostgreSQL text cannot hold it, so a NUL typed or posted into any field made
 * the insert fail with a 500 there while SQLite stored it. No person means one: it is dropped, on both databases.
 */
function withoutNul(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return v.includes('\0') ? v.replaceAll('\0', '') : v;
  // No schema nests this deep, so the schema refuses what lies below; walking 20,000 levels overflowed the stack.
  if (depth > 32) return v;
  if (Array.isArray(v)) return v.map((x) => withoutNul(x, depth + 1));
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replaceAll('\0', ''), withoutNul(x, depth + 1)]));
  return v;
}

/** What the schema makes of a request's input, NULs dropped first: parseInput's verdict, without throwing. */
export function safeParseInput<S extends z.ZodType>(schema: S, data: unknown) {
  return schema.safeParse(withoutNul(data));
}

/** Parse or throw Invalid with field-level messages in the user's language. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, locale: Locale): z.output<S> {
  const result = safeParseInput(schema, data);
  if (!result.success) throw new Invalid(fieldErrors(result.error, locale));
  return result.data;
}

/** FormData to a plain object; repeated names become arrays, empty strings stay (schemas decide). */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== 'string') continue;
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}
