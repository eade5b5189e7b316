import { prepareDatabase } from './prepare-db.ts';
await prepareDatabase({ seed: false });
