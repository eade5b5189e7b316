import { prepareDatabase } from './prepare-db.ts';
const creds = await prepareDatabase({ seed: true });
if (!creds) console.log('[etalase] Database already seeded; nothing to do.');
