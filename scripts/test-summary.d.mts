/** The numbers of vitest's JSON report that the summary reads. */
export type TestCounts = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
  numTodoTests?: number;
};

/** `tests: N passed, N failed, N skipped` for a report and the test command's exit status. */
export declare function summaryLine(report: TestCounts, exitStatus: number): string;
