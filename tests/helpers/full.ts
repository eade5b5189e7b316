/** `npm run test:full` (ETALASE_FULL=1) runs the full counts of the fuzz, property and load tests; `npm test` the small, seeded ones. */
export const full = () => process.env.ETALASE_FULL === '1';
export const count = (small: number, big: number) => (full() ? big : small);
