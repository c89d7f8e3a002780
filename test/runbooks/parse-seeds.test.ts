import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import type {Runbook} from '../../source/runbooks/runbook-model';
import {allSteps, countSteps} from '../../source/runbooks/runbook-walk';

const seeds = '/work/shared/seeds';
const parseSeed = (name: string): Runbook => parseRunbook(readFileSync(`${seeds}/${name}`), name);
const titles = (runbook: Runbook) => runbook.incidents.map((incident) => incident.title);
const phases = (runbook: Runbook, incident: string) =>
  runbook.incidents
    .find((item) => item.title === incident)
    ?.phases.map((phase) => `${phase.title}:${phase.kind ?? '-'}:${phase.steps.length}`);

describe('the seed runbooks parse as they are', () => {
  it('bold phase labels inside numbered lists (voucher platform audit)', () => {
    const runbook = parseSeed('runbook-voucher-platform-audit.md');
    expect(runbook.incidents).toHaveLength(5);
    expect(countSteps(runbook)).toBe(29);
    expect(titles(runbook)).toContain('WhatsApp Throttle / 429 Errors');
    expect(phases(runbook, 'Voucher Preview Edge Function Down')).toEqual([
      'Detection:detect:1',
      'Triage:triage:1',
      'Mitigation:mitigate:3',
      'Recovery:recover:1',
      'Postmortem:follow-up:1',
    ]);
    expect(phases(runbook, 'Edge Function Deployment Failure')).toEqual([
      'Detection:detect:1',
      'Mitigation:mitigate:1',
      'Validation:verify:1',
    ]);
  });

  it('bold phases with nested lists and a mis-encoded dash (voucher platform)', () => {
    const runbook = parseSeed('runbook-voucher-platform.md');
    expect(runbook.incidents).toHaveLength(7);
    expect(countSteps(runbook)).toBe(43);
    // "DR Tabletop Test â€“ Backup" is repaired to an en dash.
    expect(titles(runbook)).toContain('DR Tabletop Test – Backup/Restore Cutover');
    expect(runbook.warnings.some((warning) => /mis-encoded/.test(warning.message))).toBe(true);
    expect(phases(runbook, 'WhatsApp Send Failures')).toEqual([
      'Detect:detect:1',
      'Immediate Actions:triage:2',
      'Mitigation:mitigate:2',
      'Escalation:-:1',
      'Resolution:recover:2',
    ]);
  });

  it('**Symptoms:** paragraphs, ### 1. sections, tables and templates (servio)', () => {
    const runbook = parseSeed('runbook-servio.md');
    expect(runbook.incidents).toHaveLength(13);
    expect(countSteps(runbook)).toBe(116);
    expect(titles(runbook).slice(1, 3)).toEqual([
      'Database Connection Exhaustion',
      'Payment Processing Failure',
    ]);
    expect(phases(runbook, 'Database Connection Exhaustion')).toEqual([
      'Symptoms:detect:3',
      'Immediate Response:triage:3',
      'Recovery Steps:recover:3',
    ]);
    const steps = [...allSteps(runbook)].map((placed) => placed.step);
    // "→" came in as "‚Üí" (UTF-8 read as Mac Roman).
    expect(
      steps.some((step) => step.text === 'Go to Stripe Dashboard → Developers → Webhooks'),
    ).toBe(true);
    // "- >5% of requests" is a blockquote inside a list item; its text is kept.
    expect(steps.some((step) => step.text.includes('5% of requests returning 5xx'))).toBe(true);
    const escalation = runbook.incidents.find(
      (incident) => incident.title === 'Escalation Policy',
    )!;
    expect(escalation.phases[0]!.steps[0]!.text).toBe(
      'Severity: P0 Critical · Response Time: 15 min · Escalation: CTO, All hands',
    );
    const template = runbook.incidents.find(
      (incident) => incident.title === 'Status Page Update (P0)',
    )!;
    expect(template.phases[0]!.steps[0]!.code[0]!.text).toContain('🚨 Service Outage');
  });

  it('**Detection:** / **Response Steps:** with SQL and placeholders (wms)', () => {
    const runbook = parseSeed('runbook-wms.md');
    expect(runbook.incidents).toHaveLength(15);
    expect(countSteps(runbook)).toBe(135);
    expect(phases(runbook, 'Authentication Failures')).toEqual([
      'Detection:detect:3',
      'Response Steps:triage:5',
      'Resolution Verification:verify:3',
    ]);
    const auth = runbook.incidents.find(
      (incident) => incident.title === 'Authentication Failures',
    )!;
    const clear = auth.phases[1]!.steps[4]!;
    expect(clear.code[0]!.lang).toBe('sql');
    expect(clear.code[0]!.placeholders.map((placeholder) => placeholder.token)).toEqual([
      "'user@example.com'",
    ]);
    const rate = runbook.incidents.find(
      (incident) => incident.title === 'API Rate Limiting Issues',
    )!;
    expect(rate.phases[1]!.steps[2]!.code[0]!.placeholders[0]).toMatchObject({
      token: '[api-key-id]',
      kind: 'bracket',
    });
  });

  it('plain numbered steps without phases (production, vercel and n8n)', () => {
    const runbook = parseSeed('runbook-production-vercel-n8n.md');
    expect(runbook.incidents).toHaveLength(6);
    expect(countSteps(runbook)).toBe(20);
    expect(titles(runbook)[0]).toBe('API Down / 500 Errors');
    const rollback = runbook.incidents.find((incident) => incident.title === 'How to Rollback')!;
    expect(rollback.phases[0]!.steps[1]!.steps).toHaveLength(3);
  });
});
