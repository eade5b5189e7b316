/** Self-service account recovery and contact changes (issue 11 item 11). */
export const id = {
  'audit.action.auth.reset_mailed': 'Tautan reset dikirim ke email pemilik akun',
  'audit.action.auth.contact_changed': 'Email atau nomor HP akun diganti',
  'recover.link': 'Lupa kata sandi?',
  'recover.title': 'Lupa kata sandi',
  'recover.intro': 'Tulis email akun Anda. Kami kirim tautan untuk mengatur ulang kata sandi (berlaku 1 jam, sekali pakai).',
  'recover.email': 'Email akun',
  'recover.submit': 'Kirim tautan reset',
  'recover.sent':
    'Jika email itu terdaftar, tautan reset sudah dikirim ke sana. Periksa juga folder spam. Tautan berlaku 1 jam dan hanya sekali pakai.',
  'recover.noMail': 'Pengiriman email belum diaktifkan di server ini.',
  'recover.otherTitle': 'Akun tanpa email, atau email tidak sampai?',
  'recover.noMailTitle': 'Cara mendapatkan tautan reset',
  'recover.staff': 'Staf toko: minta pemilik toko membuat tautan reset dari halaman Staf di dasbor toko.',
  'recover.owner': 'Pemilik toko: minta pendamping program (kantor program) membuat tautan reset untuk Anda.',
  'recover.whatsapp': 'Kirim pesan WhatsApp ke kantor program',
  'recover.whatsappText':
    'Halo kantor program Etalase, saya lupa kata sandi akun Etalase saya. Nama: … Nomor HP/email akun: … Nama toko: … Mohon dibuatkan tautan reset. Terima kasih.',
  'recover.mailSubject': 'Atur ulang kata sandi Etalase',
  'recover.mailText':
    'Halo {name},\n\nAda permintaan untuk mengatur ulang kata sandi akun Etalase Anda. Buka tautan ini dalam 1 jam (sekali pakai):\n\n{url}\n\nJika Anda tidak memintanya, abaikan email ini; kata sandi Anda tidak berubah.\n\nEtalase',
  'recover.back': 'Kembali ke halaman masuk',
  'account.contactTitle': 'Email dan nomor HP',
  'account.contactHint': 'Dipakai untuk masuk dan untuk tautan reset kata sandi. Masukkan kata sandi Anda untuk menyimpan.',
  'account.email': 'Email',
  'account.phone': 'Nomor HP (WhatsApp)',
  'account.password': 'Kata sandi saat ini',
  'account.saveContact': 'Simpan email dan nomor HP',
  'account.contactChanged': 'Email dan nomor HP disimpan.',
} as const;

export const en: Record<keyof typeof id, string> = {
  'audit.action.auth.reset_mailed': 'Reset link emailed to the account holder',
  'audit.action.auth.contact_changed': 'Account email or phone changed',
  'recover.link': 'Forgot your password?',
  'recover.title': 'Forgot password',
  'recover.intro': 'Enter the email of your account. We will send a link to set a new password (valid for 1 hour, single use).',
  'recover.email': 'Account email',
  'recover.submit': 'Send reset link',
  'recover.sent':
    'If that email belongs to an account, a reset link is on its way. Check your spam folder too. The link is valid for 1 hour and works once.',
  'recover.noMail': 'Sending email is not enabled on this server.',
  'recover.otherTitle': 'No email on your account, or the email does not arrive?',
  'recover.noMailTitle': 'How to get a reset link',
  'recover.staff': 'Shop staff: ask the shop owner to issue a reset link from the Staff page of the shop dashboard.',
  'recover.owner': 'Shop owners: ask the program officer (program office) to issue a reset link for you.',
  'recover.whatsapp': 'Send a WhatsApp message to the program office',
  'recover.whatsappText':
    'Hello Etalase program office, I forgot the password of my Etalase account. Name: … Account phone/email: … Shop name: … Please issue a reset link. Thank you.',
  'recover.mailSubject': 'Reset your Etalase password',
  'recover.mailText':
    'Hello {name},\n\nSomeone asked to reset the password of your Etalase account. Open this link within 1 hour (it works once):\n\n{url}\n\nIf this was not you, ignore this email; your password has not changed.\n\nEtalase',
  'recover.back': 'Back to sign in',
  'account.contactTitle': 'Email and phone',
  'account.contactHint': 'Used to sign in and for password reset links. Enter your password to save.',
  'account.email': 'Email',
  'account.phone': 'Phone (WhatsApp)',
  'account.password': 'Current password',
  'account.saveContact': 'Save email and phone',
  'account.contactChanged': 'Email and phone saved.',
} as const;
