import { describe, expect, it } from 'vitest';
import { auditSentences } from '#server/shops/audit-sentence.ts';

describe('audit sentences', () => {
  it('never shows a message key, a raw field name or an id, whatever the event', () => {
    const cases = [
      { action: 'some.future_action', details: '{"designId":"d1x9","productId":"p7"}', actor: 'Rina' },
      { action: 'shop.updated', details: '{"fields":["village_id","program_id"]}', actor: 'Rina' },
      { action: 'payments.updated', details: 'not json', actor: null },
      { action: 'brand.exported', details: '{"designId":"d1x9","format":"pdf"}', actor: 'Rina' },
    ];
    for (const locale of ['id', 'en'] as const) {
      const text = cases.flatMap((c) => auditSentences(c, locale)).join('\n');
      expect(text).not.toMatch(/audit\.|program_id|village_id|d1x9|p7|\{\w+\}/);
    }
    expect(auditSentences(cases[0]!, 'id')).toEqual(['Rina membuat perubahan']);
    expect(auditSentences(cases[1]!, 'en')).toEqual(['Rina changed the shop profile: village']);
    expect(auditSentences(cases[2]!, 'id')).toEqual(['Sistem mengubah pengaturan pembayaran']);
    expect(auditSentences({ ...cases[3]!, names: { design: 'Logo Bulat' } }, 'id')).toEqual(['Rina mengunduh Logo Bulat sebagai PDF']);
  });
});
