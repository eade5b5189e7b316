import { config } from '../config.ts';
import { t, type Locale } from '#i18n/index.ts';
import { normalizeIndonesianPhone, whatsappLink, whatsappShareLink } from '../shops/phone.ts';
import { mailConfigured } from '../mail/send-mail.ts';

/**
 * What the "Lupa kata sandi" page offers: the email form when SMTP_URL is set, and always the people who
 * can issue a link with a pre-filled WhatsApp message to the program office (to PROGRAM_OFFICE_WHATSAPP
 * when set; otherwise WhatsApp asks which contact).
 */
export function getRecoveryHelp(locale: Locale) {
  const text = t(locale, 'recover.whatsappText');
  const office = config().programOfficeWhatsapp;
  const number = office ? normalizeIndonesianPhone(office) : null;
  return { mail: mailConfigured(), whatsappUrl: number ? whatsappLink(number, text) : whatsappShareLink(text) };
}
