/** `npm run test:full` sets ETALASE_FULL=1: fuzz, payload and load tests run their full counts; `npm test` runs small seeded ones. */
export const full = () => process.env.ETALASE_FULL === '1';
export const count = (small: number, big: number) => (full() ? big : small);
