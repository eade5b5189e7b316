/** The books (issue 10): cash-book list and reversal, opening balances, chart of accounts, journal, stock. */
export const id = {
  'ledger.payablePartlyPaid': 'Hutang dari catatan ini sudah dibayar sebagian; catatan tidak bisa dibatalkan.',
} as const;

export const en: Record<keyof typeof id, string> = {
  'ledger.payablePartlyPaid': 'Part of the payable of this record has been paid; the record cannot be reversed.',
};
