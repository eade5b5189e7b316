import { prepareDatabase } from './prepare-db.ts';

/** Started by tests/helpers/template.ts: the app's first-start migrate-and-seed on the test run's template database. */
await prepareDatabase({ seed: true });
