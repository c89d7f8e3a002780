import {describe, expect, it} from 'vitest';
import {clipboardPayloadLimit, osc52Sequence} from '../../source/ui/clipboard';

describe('OSC 52 clipboard sequence', () => {
  it('carries the text base64-encoded so nothing in it reaches the terminal raw', () => {
    const {sequence, truncated} = osc52Sequence('SELECT 1 \u001b[2J; -- é', {});
    expect(truncated).toBe(false);
    expect(sequence).toBe(
      `\u001b]52;c;${Buffer.from('SELECT 1 \u001b[2J; -- é').toString('base64')}\u0007`,
    );
  });

  it('wraps the sequence in tmux passthrough when TMUX is set', () => {
    const {sequence} = osc52Sequence('x', {TMUX: '/tmp/tmux-0/default,1,0'});
    expect(sequence).toBe('\u001bPtmux;\u001b\u001b]52;c;eA==\u0007\u001b\\');
  });

  it('cuts text beyond the payload limit on a whole character', () => {
    const {sequence, truncated} = osc52Sequence('é'.repeat(100_000), {});
    expect(truncated).toBe(true);
    const payload = sequence.slice('\u001b]52;c;'.length, -1);
    expect(payload.length).toBeLessThanOrEqual(clipboardPayloadLimit);
    expect(Buffer.from(payload, 'base64').toString('utf8')).toMatch(/^é+$/);
  });
});
