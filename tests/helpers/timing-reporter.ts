import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Per test file: its whole time (import, hooks and tests) and how much of it was the tests themselves, written to
 * ETALASE_TEST_TIMINGS when the run ends (scripts/test.ts prints the slowest). Vitest's JSON report counts the
 * tests only, and in the HTTP and browser files most of the time is in beforeAll (a server, a browser).
 */
export default class TimingReporter implements Reporter {
  private rows: { file: string; total: number; tests: number; hooks: number; collect: number; worker: number }[] = [];

  onTestModuleEnd(m: TestModule): void {
    const d = m.diagnostic();
    let tests = 0;
    for (const t of m.children.allTests()) tests += t.diagnostic()?.duration ?? 0;
    const total = d.duration + d.collectDuration + d.prepareDuration + d.environmentSetupDuration + d.setupDuration;
    this.rows.push({
      file: path.relative(process.cwd(), m.moduleId),
      total: Math.round(total),
      tests: Math.round(tests),
      hooks: Math.round(d.duration - tests),
      collect: Math.round(d.collectDuration),
      worker: d.concurrencyId,
    });
  }

  onTestRunEnd(): void {
    const out = process.env.ETALASE_TEST_TIMINGS;
    if (out)
      fs.writeFileSync(
        out,
        JSON.stringify(
          this.rows.sort((a, b) => b.total - a.total),
          null,
          1,
        ),
      );
  }
}
