import {CockpitError} from '../errors';

/** Longest base64 payload sent: many terminals drop OSC 52 sequences beyond about 100 kB. */
export const osc52MaxEncodedLength = 100_000;

/**
 * The OSC 52 escape sequence that puts `text` on the operator's own clipboard — it travels
 * through SSH to their terminal. Inside tmux (`$TMUX` set) it is wrapped in tmux's passthrough
 * so tmux forwards it. Throws a CockpitError when the text is too large to copy.
 */
export function osc52Sequence(text: string, environment: NodeJS.ProcessEnv = process.env): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  if (encoded.length > osc52MaxEncodedLength)
    throw new CockpitError(`too large to copy (${Buffer.byteLength(text)} bytes)`, {
      hint: 'select the text in the terminal instead',
    });
  const sequence = `\u001b]52;c;${encoded}\u0007`;
  if (!environment.TMUX) return sequence;
  // tmux passthrough: DCS tmux; <sequence with every ESC doubled> ST.
  return `\u001bPtmux;${sequence.replaceAll('\u001b', '\u001b\u001b')}\u001b\\`;
}
