import {beforeAll, describe, expect, it} from 'vitest';
import {alertRuleIds, triggerIds} from '../../source/alerts/all-rules';
import {loadRunbookLibrary} from '../../source/runbooks/runbook-library';
import {lintRunbook} from '../../source/runbooks/runbook-lint';
import {phaseKinds} from '../../source/runbooks/runbook-model';
import {searchRunbooks, suggestRunbooks} from '../../source/runbooks/runbook-suggestions';
import {loadSqlParser} from '../../source/runbooks/sql-parser';

const library = await loadRunbookLibrary();

beforeAll(async () => {
  await loadSqlParser();
});

describe('the runbook library', () => {
  it('has one runbook per kind of incident, each with front matter and canonical phases', () => {
    expect(library.map((runbook) => runbook.id)).toEqual(
      expect.arrayContaining([
        'database-connection-exhaustion',
        'lock-contention',
        'slow-queries',
        'authentication-failures',
        'api-rate-limiting',
        'edge-function-failures',
        'dead-letter-webhooks',
        'email-delivery',
        'campaign-dispatcher',
        'double-redemption',
        'reservation-integrity',
        'cron-job-failures',
        'payment-circuit-breaker',
        'platform-outage',
        'severity-and-communication',
      ]),
    );
    for (const runbook of library) {
      expect(runbook.severity, runbook.id).toBeTruthy();
      expect(runbook.incidents, runbook.id).toHaveLength(1);
      for (const phase of runbook.incidents[0]!.phases)
        expect(phaseKinds, `${runbook.id} ${phase.title}`).toContain(phase.kind);
    }
  });

  it('lints clean: known triggers, described placeholders, SQL that parses', () => {
    for (const runbook of library)
      expect(lintRunbook(runbook, triggerIds()), runbook.file).toEqual([]);
  });

  it('takes the trigger ids a runbook may name from the alert rules themselves', () => {
    const ids = alertRuleIds();
    expect(ids).toContain('blocked-sessions');
    const triggering = (trigger: string) => ({...library[0]!, triggers: [trigger]});
    for (const id of ids)
      expect(
        lintRunbook(triggering(id), ids).filter((finding) => finding.level === 'error'),
      ).toEqual([]);
    expect(lintRunbook(triggering('locks-blocked'), ids)).toContainEqual(
      expect.objectContaining({level: 'error', message: expect.stringContaining('locks-blocked')}),
    );
  });

  it('suggests the runbooks whose triggers match active alerts first', () => {
    const suggestions = suggestRunbooks(library, ['blocked-sessions', 'long-running-query']);
    expect(suggestions[0]).toMatchObject({suggested: true, runbook: {id: 'lock-contention'}});
    expect(suggestions[0]!.matchedTriggers).toEqual(['blocked-sessions', 'long-running-query']);
    expect(
      suggestions
        .filter((suggestion) => suggestion.suggested)
        .map((suggestion) => suggestion.runbook.id),
    ).toEqual(['lock-contention', 'slow-queries']);
    expect(suggestions).toHaveLength(library.length);
  });

  it('finds runbooks by fuzzy search, keeping suggestions first when the query is empty', () => {
    const suggestions = suggestRunbooks(library, ['dlq-growth']);
    expect(searchRunbooks(suggestions, '')[0]!.runbook.id).toBe('dead-letter-webhooks');
    expect(searchRunbooks(suggestions, 'conn exh')[0]!.runbook.id).toBe(
      'database-connection-exhaustion',
    );
    expect(searchRunbooks(suggestions, 'email')[0]!.runbook.id).toBe('email-delivery');
    expect(searchRunbooks(suggestions, 'zzqqxx')).toEqual([]);
  });
});
