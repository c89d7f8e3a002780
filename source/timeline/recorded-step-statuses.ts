import type {StepStatus} from '../runbooks/runbook-model';
import type {TimelineEntry} from '../store/slices/incident-slice';

/** What each recorded step state leaves the step as; a start or a refusal leaves it as it was. */
const statusOfState: Readonly<Record<string, StepStatus>> = {
  done: 'done',
  // A run that succeeded marks its step done; one that failed is recorded as failed.
  run: 'done',
  skipped: 'skipped',
  failed: 'failed',
};

/**
 * A runbook's step statuses as the timeline records them: each step as its last mark or run
 * left it. Reopening a runbook, or resuming the incident in a new cockpit, shows the steps the
 * record says were done, skipped or failed.
 */
export function recordedStepStatuses(
  timeline: readonly TimelineEntry[],
  runbookId: string,
): Record<string, StepStatus> {
  const statuses: Record<string, StepStatus> = {};
  for (const entry of timeline) {
    if (!entry.kind.startsWith('runbook.step.') || entry.data?.runbookId !== runbookId) continue;
    const step = entry.data.step;
    const status = statusOfState[entry.kind.slice('runbook.step.'.length)];
    if (typeof step === 'string' && status) statuses[step] = status;
  }
  return statuses;
}
