import { z } from 'zod';

/** Success bodies of the ledger routes (routes.ts); types exported for browser code. */
const rupiah = z.number().int();
const line = z.object({ code: z.string(), nameId: z.string(), nameEn: z.string(), amount: rupiah });

export const cashBookResponse = z.object({
  recorded: z.boolean(),
  id: z.string(),
  entryId: z.string(),
  day: z.string(),
  debtId: z.string().nullable(),
});
export const equipmentResponse = cashBookResponse.extend({ assetId: z.string().nullable() });
export const stockInResponse = z.object({ recorded: z.boolean() });
export const stockCountResponse = z.object({
  difference: z.number().int(),
  value: rupiah.optional().describe('Owner only'),
  recorded: z.boolean(),
});
export const journalEntriesResponse = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      day: z.string(),
      memo: z.string(),
      sourceType: z.string(),
      sourceId: z.string().nullable(),
      reversesId: z.string().nullable(),
      belongsTo: z.string().nullable().describe('YYYY-MM of the closed month this correction belongs to'),
      createdAt: z.string(),
      orderCode: z.string().nullable().describe('The order’s code when the source is an order'),
      lines: z.array(z.object({ account: z.string(), amount: z.number().int() })),
    }),
  ),
  nextBefore: z.string().nullable(),
});
export const reverseEntryResponse = z.object({ entryId: z.string() });
export const depreciationResponse = z.object({ posted: z.number().int(), amount: rupiah });
export const closeMonthResponse = z.object({ closed: z.boolean(), month: z.string() });
export const debtsResponse = z.object({
  debts: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['receivable', 'payable']),
      partyName: z.string(),
      partyPhone: z.string().nullable(),
      orderCode: z.string().nullable(),
      memo: z.string(),
      amount: rupiah,
      settled: rupiah,
      reduced: rupiah,
      outstanding: rupiah,
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      createdAt: z.string(),
    }),
  ),
  totalOutstanding: rupiah,
});
export const settleDebtResponse = z.object({ recorded: z.boolean(), outstanding: rupiah });
export const debtReminderResponse = z.object({ url: z.string(), text: z.string() });
export const profitLossResponse = z.object({
  from: z.string(),
  to: z.string(),
  revenue: z.array(line),
  totalRevenue: rupiah,
  cogs: rupiah,
  grossProfit: rupiah,
  expenses: z.array(line),
  totalExpenses: rupiah,
  netIncome: rupiah,
});
export const balanceSheetResponse = z.object({
  asOf: z.string(),
  assets: z.array(line),
  totalAssets: rupiah,
  liabilities: z.array(line),
  totalLiabilities: rupiah,
  equity: z.array(line),
  totalEquity: rupiah,
});
export const trialBalanceResponse = z.object({
  asOf: z.string(),
  rows: z.array(z.object({ code: z.string(), type: z.string(), nameId: z.string(), nameEn: z.string(), debit: rupiah, credit: rupiah })),
  totalDebit: rupiah,
  totalCredit: rupiah,
});
export const generalLedgerResponse = z.object({
  code: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  from: z.string(),
  to: z.string(),
  opening: rupiah,
  lines: z.array(
    z.object({ day: z.string(), entryId: z.string(), memo: z.string(), debit: rupiah, credit: rupiah, balance: z.number().int() }),
  ),
  closing: z.number().int(),
  truncated: z.boolean(),
});
export const financialNotesResponse = z.object({
  asOf: z.string(),
  locale: z.enum(['id', 'en']),
  entity: z.object({
    name: z.string(),
    address: z.string(),
    village: z.string(),
    program: z.string(),
    nib: z.string(),
    booksStarted: z.string(),
    taxpayerKind: z.string(),
    text: z.string(),
  }),
  compliance: z.string(),
  policies: z.array(z.object({ title: z.string(), text: z.string() })),
  notes: z.array(
    z.object({
      number: z.number().int(),
      key: z.string(),
      title: z.string(),
      amount: rupiah,
      text: z.string(),
      accounts: z.array(z.object({ code: z.string(), name: z.string(), amount: rupiah })),
    }),
  ),
});
const figures = { gross: rupiah, returns: rupiah, net: rupiah, orders: z.number().int() };
const comparison = {
  previous: rupiah,
  growth: z.number().nullable(),
  baseline: rupiah.nullable(),
  baselineGrowth: z.number().nullable(),
};
const period = z.object({ from: z.string(), to: z.string() });
/** Sales only (no cost or profit): staff may read it. */
export const salesReportResponse = z.object({
  period,
  previousPeriod: period,
  baselinePeriod: period.nullable(),
  groupBy: z.enum(['day', 'week', 'month']),
  total: z.object({ ...figures, ...comparison }),
  series: z.array(z.object({ start: z.string(), ...figures })),
  byChannel: z.array(z.object({ channel: z.string(), ...figures, ...comparison })),
  byProduct: z.array(z.object({ productId: z.string(), name: z.string(), quantity: z.number().int(), gross: rupiah, ...comparison })),
});
export const pphResponse = z.object({
  year: z.number().int(),
  taxpayerKind: z.enum(['', 'individual', 'entity']),
  exemptionApplied: z.boolean(),
  ratePercent: z.number(),
  months: z.array(z.object({ month: z.string(), turnover: rupiah, cumulative: rupiah, exempt: rupiah, taxable: rupiah, tax: rupiah })),
  totalTurnover: rupiah,
  totalTax: rupiah,
  assumptions: z.array(z.string()),
});

export type CashBookResponse = z.infer<typeof cashBookResponse>;
export type DebtsResponse = z.infer<typeof debtsResponse>;
export type ProfitLossResponse = z.infer<typeof profitLossResponse>;
export type BalanceSheetResponse = z.infer<typeof balanceSheetResponse>;
export type TrialBalanceResponse = z.infer<typeof trialBalanceResponse>;
export type GeneralLedgerResponse = z.infer<typeof generalLedgerResponse>;
export type FinancialNotesResponse = z.infer<typeof financialNotesResponse>;
export type SalesReportResponse = z.infer<typeof salesReportResponse>;
export type PphResponse = z.infer<typeof pphResponse>;
export const cashBookListResponse = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['expense', 'capital', 'drawing', 'purchase_credit', 'equipment']),
      day: z.string(),
      accountCode: z.string(),
      accountNameId: z.string(),
      accountNameEn: z.string(),
      amount: rupiah,
      paidWith: z.enum(['cash', 'bank', 'credit']),
      partyName: z.string(),
      memo: z.string(),
      entryId: z.string(),
      debtId: z.string().nullable(),
      receiptMediaId: z.string().nullable(),
      reversalId: z.string().nullable().describe('The reversing entry when the record was reversed'),
      createdAt: z.string(),
    }),
  ),
  nextBefore: z.string().nullable(),
});
export const accountsResponse = z.object({
  accounts: z.array(
    z.object({
      code: z.string(),
      type: z.enum(['asset', 'liability', 'equity', 'revenue', 'expense']),
      nameId: z.string(),
      nameEn: z.string(),
      contra: z.boolean(),
      system: z.boolean(),
    }),
  ),
});
export const addAccountResponse = z.object({ code: z.string() });
export const taxpayerKindResponse = z.object({ kind: z.enum(['individual', 'entity']) });
export const openingBalancesResponse = z.object({ recorded: z.boolean(), entryId: z.string(), capital: rupiah });
