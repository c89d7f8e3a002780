// The closing line of .ci/run, from vitest's JSON report: `tests: N passed, N failed, N skipped`.
import {readFileSync} from 'node:fs';
import {pathToFileURL} from 'node:url';

/**
 * The summary line for a vitest JSON report. A run that failed before or outside the tests
 * (a file that does not load, lint, tsc) counts one failure when no test failed.
 */
export function summaryLine(report, exitStatus) {
  const failed = report.numFailedTests || (exitStatus !== 0 ? 1 : 0);
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return `tests: ${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, status] = process.argv.slice(2);
  console.log(summaryLine(JSON.parse(readFileSync(file, 'utf8')), Number(status)));
}
