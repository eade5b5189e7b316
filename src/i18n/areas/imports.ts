/** Marketplace order import (issue 10). */
export const id = {
  'audit.action.orders.import': 'Impor pesanan marketplace',
  'imports.fileTooLarge': 'Berkas terlalu besar (paling besar 10 MB).',
  'imports.tooManyRows': 'Berkas berisi lebih dari 50.000 baris. Bagi menjadi beberapa berkas.',
  'imports.formatUnknown': 'Pilih CSV atau XLSX.',
  'imports.layoutUnknown':
    'Kolom berkas tidak dikenali. Pakai ekspor pesanan Shopee atau TikTok Shop/Tokopedia, atau simpan pemetaan kolom.',
  'imports.fileUnreadable': 'Berkas tidak dapat dibaca. Periksa bahwa berkas itu CSV atau XLSX yang utuh.',
  'imports.mappingNotFound': 'Pemetaan kolom tidak ditemukan.',
  'imports.mappingNameRequired': 'Beri nama pemetaan kolom.',
  'imports.mappingIncomplete': 'Pemetaan perlu kolom nomor pesanan, jumlah, nama produk atau SKU, dan harga.',
  'imports.keyInvalid': 'Produk marketplace tidak dikenali.',
  'imports.rowNoOrderId': 'Nomor pesanan kosong.',
  'imports.rowNoProduct': 'Nama produk dan SKU kosong.',
  'imports.rowBadQuantity': 'Jumlah harus bilangan bulat 1 atau lebih.',
  'imports.rowBadPrice': 'Harga tidak terbaca sebagai rupiah.',
  'imports.rowBadFee': 'Biaya marketplace tidak terbaca sebagai rupiah.',
} as const;

export const en: Record<keyof typeof id, string> = {
  'audit.action.orders.import': 'Marketplace orders imported',
  'imports.fileTooLarge': 'The file is too large (10 MB at most).',
  'imports.tooManyRows': 'The file has more than 50,000 rows. Split it into several files.',
  'imports.formatUnknown': 'Choose CSV or XLSX.',
  'imports.layoutUnknown':
    'The file’s columns are not recognised. Use a Shopee or TikTok Shop/Tokopedia order export, or save a column mapping.',
  'imports.fileUnreadable': 'The file cannot be read. Check that it is a complete CSV or XLSX file.',
  'imports.mappingNotFound': 'Column mapping not found.',
  'imports.mappingNameRequired': 'Name the column mapping.',
  'imports.mappingIncomplete': 'A mapping needs the order number, quantity, product name or SKU, and price columns.',
  'imports.keyInvalid': 'Unknown marketplace product.',
  'imports.rowNoOrderId': 'The order number is empty.',
  'imports.rowNoProduct': 'Product name and SKU are both empty.',
  'imports.rowBadQuantity': 'Quantity must be a whole number, 1 or more.',
  'imports.rowBadPrice': 'The price cannot be read as Rupiah.',
  'imports.rowBadFee': 'A marketplace fee cannot be read as Rupiah.',
};
