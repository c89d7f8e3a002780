/** Largest base64 payload sent in one OSC 52 write (xterm's default limit; tmux and others accept it). */
export const clipboardPayloadLimit = 74_994;

/**
 * The OSC 52 escape sequence that puts `text` on the operator's own clipboard, which works
 * through SSH. Text beyond the payload limit is cut (whole characters only). Inside tmux the
 * sequence is wrapped in tmux's DCS passthrough, since tmux swallows a bare OSC 52 unless
 * `set-clipboard` is on.
 */
export function osc52Sequence(
  text: string,
  environment: NodeJS.ProcessEnv = process.env,
): {sequence: string; truncated: boolean} {
  const maximumBytes = Math.floor(clipboardPayloadLimit / 4) * 3;
  let bytes = Buffer.from(text, 'utf8');
  let truncated = false;
  if (bytes.length > maximumBytes) {
    truncated = true;
    let kept = '';
    let size = 0;
    for (const character of text) {
      const characterBytes = Buffer.byteLength(character, 'utf8');
      if (size + characterBytes > maximumBytes) break;
      kept += character;
      size += characterBytes;
    }
    bytes = Buffer.from(kept, 'utf8');
  }
  const osc = `\u001b]52;c;${bytes.toString('base64')}\u0007`;
  const sequence = environment.TMUX
    ? `\u001bPtmux;${osc.replaceAll('\u001b', '\u001b\u001b')}\u001b\\`
    : osc;
  return {sequence, truncated};
}
