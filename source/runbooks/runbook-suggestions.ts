// Kept apart from the loader: the panes that list runbooks load with the first frame, and the
// Markdown parser the loader needs does not.
import fuzzysort from 'fuzzysort';
import {compareText} from '../text/compare-text';
import type {Runbook} from './runbook-model';

/** A runbook as the picker lists it: suggested when its triggers match an active alert. */
export type RunbookSuggestion = {runbook: Runbook; suggested: boolean; matchedTriggers: string[]};

/** The library with runbooks whose triggers match active alert rule ids first, marked suggested. */
export function suggestRunbooks(
  library: readonly Runbook[],
  activeAlertRuleIds: Iterable<string>,
): RunbookSuggestion[] {
  const active = new Set(activeAlertRuleIds);
  const listed = library.map((runbook) => {
    const matchedTriggers = runbook.triggers.filter((trigger) => active.has(trigger));
    return {runbook, suggested: matchedTriggers.length > 0, matchedTriggers};
  });
  return listed.sort(
    (left, right) =>
      right.matchedTriggers.length - left.matchedTriggers.length ||
      compareText(left.runbook.title, right.runbook.title),
  );
}

/**
 * Fuzzy search over titles, ids and incident titles (fuzzysort); an empty query keeps the order
 * given (suggested first).
 */
export function searchRunbooks(
  suggestions: readonly RunbookSuggestion[],
  query: string,
): RunbookSuggestion[] {
  if (query.trim() === '') return [...suggestions];
  const targets = suggestions.map((suggestion) => ({
    suggestion,
    title: suggestion.runbook.title,
    id: suggestion.runbook.id,
    incidents: suggestion.runbook.incidents.map((incident) => incident.title).join(' · '),
  }));
  const results = fuzzysort.go(query, targets, {
    keys: ['title', 'id', 'incidents'],
    threshold: 0.3,
  });
  return results.map((result) => result.obj.suggestion);
}
