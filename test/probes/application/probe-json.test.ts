import {describe, expect, it} from 'vitest';
import {applicationProbeJson} from '../../../source/probes/application/probe-json';

describe('application probes in cockpit probe --json', () => {
  it('gives dlq.depth, email.failedLastHour, campaigns[] and integrations[]', () => {
    const output = {
      dlq: applicationProbeJson('dlq', {available: true, depth: 12}),
      email: applicationProbeJson('email', {available: true, failedLastHour: 3}),
      campaigns: applicationProbeJson('campaigns', {
        available: true,
        campaigns: [{id: '1', counts: {sent: 2, pending: 1}, stalled: true}],
      }),
      integrations: applicationProbeJson('integrations', {
        available: true,
        integrations: [{name: 'send-email', status: 'ok', latencyMs: 40}],
      }),
    };
    expect(output).toEqual({
      dlq: {available: true, depth: 12},
      email: {available: true, failedLastHour: 3},
      campaigns: [{id: '1', counts: {sent: 2, pending: 1}, stalled: true}],
      integrations: [{name: 'send-email', status: 'ok', latencyMs: 40}],
    });
    expect(applicationProbeJson('campaigns', {available: false, reason: 'no table'})).toEqual({
      available: false,
      reason: 'no table',
    });
  });
});
