import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config.ts';

let transport: { url: string; t: Transporter } | undefined;

/** True when SMTP_URL is set, so the app may promise an email. */
export function mailConfigured(): boolean {
  return !!config().smtpUrl;
}

/**
 * Send one plain-text email through SMTP_URL (nodemailer). The transport is made once per URL; text
 * only, so nothing a user typed is ever rendered as HTML in a mail client.
 */
export async function sendMail(msg: { to: string; subject: string; text: string }): Promise<void> {
  const url = config().smtpUrl;
  if (!url) throw new Error('SMTP_URL is not set');
  if (transport?.url !== url) transport = { url, t: nodemailer.createTransport(url) };
  await transport.t.sendMail({ from: config().mailFrom, to: msg.to, subject: msg.subject, text: msg.text });
}
