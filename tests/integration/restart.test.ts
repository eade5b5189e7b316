import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';

describe(`stop and start (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('keeps every record, seeds and prints demo sign-in details on the first run only', async () => {
    const db = await createTestDatabase();
    try {
      const first = await startServer({ db, keepDb: true, env: { DEMO_PASSWORD: '' } });
      expect(first.output()).toContain('Seeded the demo program "OVOP Kabupaten Gowa"');
      const password = /pemilik@hk05\.test\s+\+6281243210005\s+password: (\S+)/.exec(first.output())![1]!;
      const a = new Client(first.url);
      await a.post('/api/v1/users', { name: 'Pak Baso', phone: '0811-4444-5555', password: 'tetap-ada-1' });
      await first.stop();

      const second = await startServer({ db, keepDb: true, env: { DEMO_PASSWORD: '' } });
      expect(second.output()).not.toContain('Seeded the demo program');
      await new Client(second.url).signIn('0811 4444 5555', 'tetap-ada-1');
      await new Client(second.url).signIn('pemilik@hk05.test', password);
      const shops = await (await new Client(second.url).get('/hk05')).text();
      expect(shops).toContain('HK05 Telur Asin Bakar');
      await second.stop();
    } finally {
      await db.drop();
    }
  }, 1_200_000);
});
