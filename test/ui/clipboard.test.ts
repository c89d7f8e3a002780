import {describe, expect, it} from 'vitest';
import {osc52MaxEncodedLength, osc52Sequence} from '../../source/ui/clipboard';

describe('osc52Sequence', () => {
  it('encodes the text as base64 in an OSC 52 sequence', () => {
    expect(osc52Sequence('SELECT 1; -- é', {})).toBe(
      `\u001b]52;c;${Buffer.from('SELECT 1; -- é').toString('base64')}\u0007`,
    );
  });

  it('wraps the sequence in tmux passthrough inside tmux', () => {
    const sequence = osc52Sequence('hi', {TMUX: '/tmp/tmux-1000/default,1,0'});
    expect(sequence).toBe('\u001bPtmux;\u001b\u001b]52;c;aGk=\u0007\u001b\\');
  });

  it('refuses text too large for terminals to accept', () => {
    expect(() => osc52Sequence('x'.repeat(osc52MaxEncodedLength), {})).toThrow(/too large to copy/);
  });
});
