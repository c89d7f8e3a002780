import {describe, expect, it} from 'vitest';
import {rememberSecrets} from '../../source/text/redact-secrets';
import {sanitizeTerminalText} from '../../source/text/sanitize-terminal-text';

describe('sanitizeTerminalText', () => {
  it('neutralises colour, cursor moves, OSC 52 clipboard writes and title changes, visibly', () => {
    const hostile =
      'SELECT 1\u001b[31mred\u001b[2J\u001b[10;10H\u001b]52;c;ZWNobyBwd25lZA==\u0007\u001b]0;owned\u0007';
    const clean = sanitizeTerminalText(hostile);
    expect(clean).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(clean).toBe('SELECT 1␛[31mred␛[2J␛[10;10H␛]52;c;ZWNobyBwd25lZA==␇␛]0;owned␇');
  });

  // Regression: the sanitiser removed an OSC sequence together with the text it enclosed, so
  // the statement after the comment was hidden from the detail view and from `y`.
  it('keeps every printable character a control sequence encloses', () => {
    const query = "select pg_sleep(600) /* \u001b]0; */; select 'HIDDEN_DELETE'; /* \u0007 */";
    expect(sanitizeTerminalText(query)).toBe(
      "select pg_sleep(600) /* ␛]0; */; select 'HIDDEN_DELETE'; /* ␇ */",
    );
  });

  it('replaces other control, bidi and zero-width characters and lone surrogates', () => {
    const clean = sanitizeTerminalText('a\u0000b\u0085c\u202ed\u200be\ud800f\u0008g\u009b1m');
    expect(clean).toBe('a␀b\ufffdc\ufffdd\ufffde\ufffdf␈g␛1m');
  });

  it('keeps one line unless asked for several, and bounds the length', () => {
    expect(sanitizeTerminalText('a\r\nb\nc')).toBe('a b c');
    expect(sanitizeTerminalText('a\r\nb', {multiline: true})).toBe('a\nb');
    const long = sanitizeTerminalText('x'.repeat(100_000), {maxLength: 200});
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });

  it('leaves ordinary text, including wide characters, alone', () => {
    expect(sanitizeTerminalText("SELECT * FROM 注文 WHERE note = 'ok ✓'")).toBe(
      "SELECT * FROM 注文 WHERE note = 'ok ✓'",
    );
  });

  it('redacts secrets before anything reaches the screen (the screen is shared on the bridge)', () => {
    expect(sanitizeTerminalText("ALTER ROLE app PASSWORD 'abc12345'")).not.toContain('abc12345');
    expect(sanitizeTerminalText('webhook failed: https://u:dlqsecret@h.example/x')).not.toContain(
      'dlqsecret',
    );
  });

  // The screen keeps recently sanitised text aside: a secret learned later must still go.
  it('redacts a secret learned after the same text was already shown', () => {
    const line = "SELECT * FROM vault WHERE code = 'q7Kp2mWx9Lr'";
    expect(sanitizeTerminalText(line)).toContain('q7Kp2mWx9Lr');
    expect(sanitizeTerminalText(line)).toContain('q7Kp2mWx9Lr');
    rememberSecrets(['q7Kp2mWx9Lr']);
    expect(sanitizeTerminalText(line)).not.toContain('q7Kp2mWx9Lr');
  });

  it('gives the same answer from its store of recent text as when first asked', () => {
    const hostile = 'a\u001b[2Jb\tc\u202ed\nnext line';
    const first = sanitizeTerminalText(hostile, {maxLength: 8});
    expect(sanitizeTerminalText(hostile, {maxLength: 8})).toBe(first);
    expect(sanitizeTerminalText(hostile, {multiline: true})).toBe('a␛[2Jb  c�d\nnext line');
    expect(sanitizeTerminalText(hostile)).toBe('a␛[2Jb  c�d next line');
  });
});
