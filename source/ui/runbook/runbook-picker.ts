import fuzzysort from 'fuzzysort';
import type {NavigatorRunbook} from './navigator-types';

/** A picker line: the runbook and whether active alerts suggest it. */
export type PickerEntry = {runbook: NavigatorRunbook; suggested: boolean};

/**
 * Runbooks matching `query` (fuzzy, over title, id and triggers); runbooks whose triggers name
 * an active alert come first, marked as suggested.
 */
export function pickRunbooks(
  library: readonly NavigatorRunbook[],
  query: string,
  activeRuleIds: readonly string[],
): PickerEntry[] {
  const active = new Set(activeRuleIds);
  const suggested = (runbook: NavigatorRunbook) =>
    runbook.triggers.some((trigger) => active.has(trigger));
  const matches = query.trim()
    ? fuzzysort
        .go(query.trim(), library, {
          keys: ['title', 'id', (runbook) => runbook.triggers.join(' ')],
          threshold: 0.2,
        })
        .map((result) => result.obj)
    : [...library].sort((left, right) => left.title.localeCompare(right.title));
  const entries = matches.map((runbook) => ({runbook, suggested: suggested(runbook)}));
  // Stable: suggested first, each group keeping the fuzzy (or alphabetical) order.
  return [
    ...entries.filter((entry) => entry.suggested),
    ...entries.filter((entry) => !entry.suggested),
  ];
}
