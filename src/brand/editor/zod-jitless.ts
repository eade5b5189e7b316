import { z } from 'zod';

// zod decides when a schema is built whether to compile its parser with Function(), probing with
// Function('') - which the page's Content-Security-Policy (no 'unsafe-eval') reports as a violation.
// Imported first by the studio, so it runs before any schema module is evaluated.
z.config({ jitless: true });
