/**
 * Indonesian phone numbers to E.164 (+62…). Accepts 0812-3456-7890, 62812…, +62 812 …, with spaces,
 * dashes, dots or parentheses. National significant numbers are 9–12 digits after the leading 0
 * (mobile 8xx…, landlines with area codes such as 411 Makassar); E.164 allows at most 15 digits.
 */
export function normalizeIndonesianPhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s\-.()]+$/.test(trimmed)) return null;
  const hasPlus = trimmed.startsWith('+');
  let digits = trimmed.replace(/\D/g, '');
  if (hasPlus) {
    if (!digits.startsWith('62')) return null;
    digits = digits.slice(2);
  } else if (digits.startsWith('62')) {
    digits = digits.slice(2);
  } else if (digits.startsWith('0')) {
    digits = digits.slice(1);
  } else {
    return null;
  }
  if (digits.startsWith('0')) return null;
  // Mobile numbers (8xx) are 9–12 digits after the trunk 0; landlines (area code 2–7, 9) 8–11.
  if (digits.startsWith('8')) {
    if (digits.length < 9 || digits.length > 12) return null;
  } else if (/^[2-79]/.test(digits)) {
    if (digits.length < 8 || digits.length > 11) return null;
  } else {
    return null;
  }
  return `+62${digits}`;
}

/** wa.me wants international digits only: +6281234567890 -> 6281234567890. */
export function whatsappDigits(e164: string): string {
  return e164.replace(/\D/g, '');
}

export function whatsappLink(e164: string, text?: string): string {
  const base = `https://wa.me/${whatsappDigits(e164)}`;
  return text === undefined ? base : `${base}?text=${encodeURIComponent(text)}`;
}

/** No recipient: WhatsApp asks the sender to pick a contact. */
export function whatsappShareLink(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}

/** Shown to people: +62 812-3456-7890. */
export function formatPhone(e164: string): string {
  const d = e164.replace(/^\+62/, '');
  if (d.length < 7) return e164;
  return `+62 ${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
}
