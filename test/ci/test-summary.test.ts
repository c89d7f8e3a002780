import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {summaryLine} from '../../scripts/test-summary.mjs';

const root = path.resolve(import.meta.dirname, '../..');

describe('the closing line of .ci/run', () => {
  it('counts skipped tests beside passed and failed', () => {
    expect(summaryLine({numPassedTests: 412, numFailedTests: 0, numPendingTests: 3}, 0)).toBe(
      'tests: 412 passed, 0 failed, 3 skipped',
    );
    expect(
      summaryLine({numPassedTests: 10, numFailedTests: 2, numPendingTests: 1, numTodoTests: 1}, 1),
    ).toBe('tests: 10 passed, 2 failed, 2 skipped');
    // A file that fails to load fails the run without a failed test.
    expect(summaryLine({numPassedTests: 10, numFailedTests: 0}, 1)).toBe(
      'tests: 10 passed, 1 failed, 0 skipped',
    );
  });

  it('is what .ci/run prints, from the report file vitest writes', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ci-summary-'));
    const report = path.join(folder, 'results.json');
    writeFileSync(
      report,
      JSON.stringify({numPassedTests: 5, numFailedTests: 0, numPendingTests: 3}),
    );
    const printed = execFileSync(
      process.execPath,
      [path.join(root, 'scripts/test-summary.mjs'), report, '0'],
      {encoding: 'utf8'},
    );
    expect(printed).toBe('tests: 5 passed, 0 failed, 3 skipped\n');
    const ci = readFileSync(path.join(root, '.ci/run'), 'utf8');
    expect(ci).toContain('node scripts/test-summary.mjs "$PWD/$results" "$status"');
    expect(ci).not.toMatch(/echo "tests: \d+ passed, \d+ failed"$/m);
  });
});
