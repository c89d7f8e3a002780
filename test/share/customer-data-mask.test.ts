import {afterEach, describe, expect, it} from 'vitest';
import {
  createScreenMask,
  maskCustomerData,
  maskEmailAddresses,
  maskPayloadSummary,
  maskQueryText,
} from '../../source/share/customer-data-mask';
import {shareProtocolVersion} from '../../source/share/protocol';
import {rawPeer, startTestHost, type TestHost, waitFor} from './share-harness';

describe('customer data masking', () => {
  it('hides query literals and numbers after WHERE, keeping the shape of the query', () => {
    expect(
      maskQueryText(
        "SELECT * FROM email_log WHERE recipient = 'alice@example.com' AND retry_count > 3 LIMIT 10",
      ),
    ).toBe("SELECT * FROM email_log WHERE recipient = '…' AND retry_count > … LIMIT …");
    expect(maskQueryText('SELECT t1.col_2 FROM t1 WHERE id = $1::int4')).toBe(
      'SELECT t1.col_2 FROM t1 WHERE id = $1::int4',
    );
    expect(maskQueryText("UPDATE users SET note = 'it''s me' WHERE id = 42")).toBe(
      "UPDATE users SET note = '…' WHERE id = …",
    );
  });

  it('keeps an address domain, hides its local part, and keeps payload keys only', () => {
    expect(maskEmailAddresses('550 rejected <bob.smith+tag@mail.example.org>')).toBe(
      '550 rejected <…@mail.example.org>',
    );
    expect(maskPayloadSummary('user_id=42, email="bob@example.com"')).toBe('user_id=…, email=…');
    expect(maskPayloadSummary('plain text body')).toBe('…');
  });

  it('masks by field: query texts, payloads, and every other string for addresses', () => {
    const masked = maskCustomerData({
      sessions: [{pid: 4, query: "select 1 from t where a = 'x'"}],
      recent: [{payloadSummary: 'card=4242'}],
      note: 'called carol@example.com',
      join: 'sharing: cockpit join ws://127.0.0.1:7000 --token s3cr3t-t0ken',
    });
    expect(masked).toEqual({
      sessions: [{pid: 4, query: "select 1 from t where a = '…'"}],
      recent: [{payloadSummary: 'card=…'}],
      note: 'called …@example.com',
      join: 'sharing: cockpit join ws://127.0.0.1:7000 --token …',
    });
  });

  it('gives the screen the same masked object for the same input, so renders stay stable', () => {
    const mask = createScreenMask();
    const data = {rows: [{query: "select 'a'"}]};
    expect(mask(data)).toBe(mask(data));
    expect(mask(data)).not.toBe(data);
  });
});

let running: TestHost | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('--share-redact', () => {
  it('masks customer data on the host before it is sent', async () => {
    running = await startTestHost({mask: true});
    const peer = await rawPeer(running.url);
    peer.send(
      JSON.stringify({
        type: 'hello',
        protocol: shareProtocolVersion,
        token: running.token,
        name: 'm',
      }),
    );
    await waitFor(() => peer.frames.length > 0, 'welcome');
    running.store.getState().recordProbeOutcome('connections', {
      ok: true,
      startedAt: 1,
      fetchedAt: 2,
      durationMs: 1,
      data: {
        longRunning: [
          {pid: 9, query: "DELETE FROM email_log WHERE recipient = 'dave@example.com' AND id = 77"},
        ],
      },
    });
    await waitFor(
      () => peer.frames.some((frame) => frame.includes('DELETE FROM email_log')),
      'patch',
    );
    const received = peer.frames.join('\n');
    expect(received).not.toContain('dave@example.com');
    expect(received).toContain("recipient = '…' AND id = …");
    expect(received).not.toContain('id = 77');
    expect(JSON.parse(peer.frames[0]!).info.redacted).toBe(true);
  });
});
