/**
 * SAK EMKM chart of accounts every shop starts with (1 aset, 2 liabilitas, 3 ekuitas, 4 pendapatan, 5 beban).
 * The standard prescribes no chart; this is the common Si APIK-style numbering. Codes are stable: postings
 * name accounts by code, and the owner adds accounts with new codes (add-account.ts).
 */
export type AccountType = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';

export interface TemplateAccount {
  code: string;
  type: AccountType;
  id: string;
  en: string;
  contra?: true;
}

export const ACCOUNTS = {
  cash: '1101',
  bank: '1102',
  receivable: '1201',
  marketplaceReceivable: '1202',
  inventory: '1301',
  materials: '1302',
  packaging: '1303',
  equipment: '1501',
  accumulatedDepreciation: '1502',
  payable: '2101',
  customerDeposits: '2102',
  taxPayable: '2103',
  capital: '3101',
  drawings: '3102',
  retainedEarnings: '3201',
  sales: '4101',
  salesReturns: '4102',
  salesDiscounts: '4103',
  deliveryIncome: '4201',
  otherIncome: '4202',
  cogs: '5101',
  marketplaceFees: '5201',
  shippingExpense: '5202',
  materialsExpense: '5203',
  packagingExpense: '5204',
  depreciation: '5205',
  paymentFees: '5206',
  inventoryDifference: '5207',
} as const;

export const CHART_TEMPLATE: readonly TemplateAccount[] = [
  { code: '1101', type: 'asset', id: 'Kas', en: 'Cash' },
  { code: '1102', type: 'asset', id: 'Bank', en: 'Bank' },
  { code: '1201', type: 'asset', id: 'Piutang Usaha', en: 'Accounts receivable' },
  { code: '1202', type: 'asset', id: 'Piutang Marketplace', en: 'Marketplace receivable' },
  { code: '1301', type: 'asset', id: 'Persediaan Barang Dagang/Jadi', en: 'Inventory (goods for sale)' },
  { code: '1302', type: 'asset', id: 'Bahan Baku', en: 'Raw materials' },
  { code: '1303', type: 'asset', id: 'Persediaan Kemasan', en: 'Packaging' },
  { code: '1501', type: 'asset', id: 'Peralatan', en: 'Equipment' },
  { code: '1502', type: 'asset', id: 'Akumulasi Penyusutan', en: 'Accumulated depreciation', contra: true },
  { code: '2101', type: 'liability', id: 'Utang Usaha', en: 'Accounts payable' },
  { code: '2102', type: 'liability', id: 'Uang Muka Pelanggan', en: 'Customer deposits' },
  { code: '2103', type: 'liability', id: 'Utang Pajak', en: 'Taxes payable' },
  { code: '3101', type: 'equity', id: 'Modal Pemilik', en: "Owner's capital" },
  { code: '3102', type: 'equity', id: 'Prive', en: "Owner's drawings", contra: true },
  { code: '3201', type: 'equity', id: 'Saldo Laba', en: 'Retained earnings' },
  { code: '4101', type: 'revenue', id: 'Penjualan', en: 'Sales' },
  { code: '4102', type: 'revenue', id: 'Retur Penjualan', en: 'Sales returns', contra: true },
  { code: '4103', type: 'revenue', id: 'Potongan Penjualan', en: 'Sales discounts', contra: true },
  { code: '4201', type: 'revenue', id: 'Pendapatan Ongkos Kirim', en: 'Delivery income' },
  { code: '4202', type: 'revenue', id: 'Pendapatan Lain-lain', en: 'Other income' },
  { code: '5101', type: 'expense', id: 'Harga Pokok Penjualan (HPP)', en: 'Cost of goods sold' },
  { code: '5201', type: 'expense', id: 'Beban Marketplace', en: 'Marketplace fees' },
  { code: '5202', type: 'expense', id: 'Beban Ongkos Kirim', en: 'Shipping expense' },
  { code: '5203', type: 'expense', id: 'Beban Bahan Baku', en: 'Raw materials expense' },
  { code: '5204', type: 'expense', id: 'Beban Kemasan', en: 'Packaging expense' },
  { code: '5205', type: 'expense', id: 'Beban Penyusutan', en: 'Depreciation expense' },
  { code: '5206', type: 'expense', id: 'Beban Pembayaran', en: 'Payment fees' },
  { code: '5207', type: 'expense', id: 'Beban Selisih Persediaan', en: 'Inventory count difference' },
  { code: '5301', type: 'expense', id: 'Beban Gaji', en: 'Wages' },
  { code: '5302', type: 'expense', id: 'Beban Sewa', en: 'Rent' },
  { code: '5303', type: 'expense', id: 'Beban Listrik, Air dan Telepon', en: 'Utilities' },
  { code: '5304', type: 'expense', id: 'Beban Transportasi', en: 'Transport' },
  { code: '5399', type: 'expense', id: 'Beban Lain-lain', en: 'Other expenses' },
];

/** Debit-normal types; a balance is stored signed (debit +, credit -) and shown by its normal side. */
export function debitNormal(type: AccountType): boolean {
  return type === 'asset' || type === 'expense';
}
