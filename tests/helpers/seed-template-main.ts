import { prepareDatabase } from '../../scripts/prepare-db.ts';

/** Child process of template.ts: the app's first-start migrate-and-seed (scripts/prepare-db.ts) on the template database. */
await prepareDatabase({ seed: true });
