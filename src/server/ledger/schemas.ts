import { z } from 'zod';
import { amountField, keyField, partyPhoneField } from './cash-book.ts';

/** Request shapes of the ledger's API routes whose use cases take plain options (the others export their own schemas). */
const id = z.string().trim().min(1, { error: 'validation.required' }).max(64);
const quantity = z
  .number({ error: 'ledger.quantityInvalid' })
  .int({ error: 'ledger.quantityInvalid' })
  .min(1, { error: 'ledger.quantityInvalid' })
  .max(1_000_000, { error: 'ledger.quantityInvalid' });
const part = z
  .number({ error: 'ledger.amountInvalid' })
  .int({ error: 'ledger.amountInvalid' })
  .min(0, { error: 'ledger.amountInvalid' })
  .max(1_000_000_000_000, { error: 'ledger.amountInvalid' });

export const stockInInput = z.object({
  productId: id,
  variantId: id.nullable().optional(),
  quantity,
  source: z.discriminatedUnion(
    'kind',
    [
      z
        .object({
          kind: z.literal('purchase'),
          cost: amountField,
          paidWith: z.enum(['cash', 'bank', 'credit'], { error: 'validation.choice' }),
          supplierName: z.string().trim().max(80).optional().describe('Required on credit: the payable (hutang) is owed to them'),
          supplierPhone: partyPhoneField,
          dueDate: z
            .string()
            .trim()
            .optional()
            .transform((v) => v || null)
            .describe('YYYY-MM-DD, on credit: when the payable is due'),
        })
        .refine((s) => s.paidWith !== 'credit' || !!s.supplierName, { path: ['supplierName'], error: 'validation.required' }),
      z.object({ kind: z.literal('production'), materials: part, packaging: part, otherCash: part }),
    ],
    { error: 'validation.choice' },
  ),
  idempotencyKey: keyField,
});
export const stockCountInput = z.object({
  productId: id,
  variantId: id.nullable().optional(),
  counted: z
    .number({ error: 'ledger.quantityInvalid' })
    .int({ error: 'ledger.quantityInvalid' })
    .min(0, { error: 'ledger.quantityInvalid' })
    .max(10_000_000, { error: 'ledger.quantityInvalid' }),
  idempotencyKey: keyField,
});
export const reverseEntryInput = z.object({ memo: z.string().trim().max(200).optional() });

const day = z.string().trim().describe('YYYY-MM-DD (the program time zone)');
export const periodQuery = z.object({ from: day, to: day });
export const journalQuery = z.object({
  from: day,
  to: day,
  before: z.string().optional().describe('createdAt of the last entry seen (paging)'),
});
export const asOfQuery = z.object({ asOf: day });
export const generalLedgerQuery = z.object({ account: z.string().trim().max(16).describe('Account code, e.g. 1101'), from: day, to: day });
export const salesReportQuery = z.object({
  from: day,
  to: day,
  groupBy: z.enum(['day', 'week', 'month'], { error: 'validation.choice' }).default('day'),
  baselineFrom: day.optional(),
  baselineTo: day.optional(),
});
export const pphQuery = z.object({
  year: z.coerce.number({ error: 'reports.yearInvalid' }).int({ error: 'reports.yearInvalid' }).describe('Calendar year, e.g. 2026'),
});
export const debtsQuery = z.object({
  kind: z.enum(['receivable', 'payable'], { error: 'validation.choice' }).describe('receivable (piutang) | payable (hutang)'),
  openOnly: z
    .enum(['true', 'false'], { error: 'validation.choice' })
    .default('true')
    .transform((v) => v === 'true'),
});
export const REPORT_FILES = ['profit-loss', 'balance-sheet', 'trial-balance', 'general-ledger'] as const;
export const reportFileQuery = z.object({
  format: z.string().optional().describe('csv | xlsx | pdf (required; the use case says which are allowed)'),
  from: day.optional().describe('profit-loss, general-ledger'),
  to: day.optional().describe('profit-loss, general-ledger'),
  asOf: day.optional().describe('balance-sheet, trial-balance'),
  account: z.string().trim().max(16).optional().describe('general-ledger'),
});
export const cashBookQuery = z.object({ before: z.string().optional().describe('createdAt of the last record seen (paging)') });
export const accountInput = z.object({
  code: z.string().trim().describe('4 digits starting with the type’s number: 1 asset, 2 liability, 3 equity, 4 revenue, 5 expense'),
  type: z.enum(['asset', 'liability', 'equity', 'revenue', 'expense'], { error: 'validation.choice' }),
  nameId: z.string().describe('Name in Bahasa Indonesia'),
  nameEn: z.string().optional().describe('Name in English (the Indonesian name when absent)'),
  contra: z.boolean().optional().describe('A contra account (e.g. an accumulated depreciation)'),
});
export const taxpayerKindInput = z.object({ kind: z.string().describe('individual (orang pribadi) | entity (badan)') });
