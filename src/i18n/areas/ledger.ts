/** The sales ledger: stock-ins, counts, the chart of accounts and report periods. */
export const id = {
  'ledger.quantityInvalid': 'Jumlah harus bilangan bulat positif.',
  'ledger.amountInvalid': 'Nilai harus rupiah bulat, tidak negatif.',
  'ledger.countBelowReserved': 'Hasil hitung lebih kecil dari barang yang sudah dipesan dan belum diserahkan.',
  'ledger.stockStaysTracked': 'Stok barang ini sudah tercatat di pembukuan dan tidak bisa dikosongkan. Isi 0 bila habis.',
  'ledger.accountCodeInvalid': 'Kode akun 4 angka, diawali nomor golongannya (1 aset, 2 liabilitas, 3 ekuitas, 4 pendapatan, 5 beban).',
  'ledger.accountCodeTaken': 'Kode akun ini sudah dipakai.',
  'ledger.accountNameInvalid': 'Isi nama akun (paling banyak 80 huruf).',
  'ledger.accountNotFound': 'Akun tidak ditemukan.',
  'ledger.dateInvalid': 'Tanggal tidak valid (TTTT-BB-HH).',
  'ledger.periodInvalid': 'Tanggal awal harus sebelum tanggal akhir.',
  'ledger.entryNotFound': 'Jurnal tidak ditemukan.',
  'ledger.entryIsReversal': 'Jurnal koreksi tidak dapat dikoreksi lagi.',
  'ledger.entryAlreadyReversed': 'Jurnal ini sudah dikoreksi.',
} as const;

export const en: Record<keyof typeof id, string> = {
  'ledger.quantityInvalid': 'The quantity must be a positive whole number.',
  'ledger.amountInvalid': 'Amounts must be whole Rupiah, not negative.',
  'ledger.countBelowReserved': 'The count is below what open orders have reserved and not yet delivered.',
  'ledger.stockStaysTracked': 'The stock of this item is in the books and cannot be left empty. Enter 0 when it is sold out.',
  'ledger.accountCodeInvalid':
    'An account code has 4 digits starting with its group (1 assets, 2 liabilities, 3 equity, 4 revenue, 5 expenses).',
  'ledger.accountCodeTaken': 'This account code is already in use.',
  'ledger.accountNameInvalid': 'Enter the account name (at most 80 characters).',
  'ledger.accountNotFound': 'Account not found.',
  'ledger.dateInvalid': 'Invalid date (YYYY-MM-DD).',
  'ledger.periodInvalid': 'The start date must not be after the end date.',
  'ledger.entryNotFound': 'Journal entry not found.',
  'ledger.entryIsReversal': 'A correcting entry cannot be reversed again.',
  'ledger.entryAlreadyReversed': 'This entry has already been reversed.',
};
