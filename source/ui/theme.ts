/** Semantic colours; components never name a raw colour. */
export type Tone =
  | 'status.ok'
  | 'status.warn'
  | 'status.critical'
  | 'status.stale'
  | 'text.muted'
  | 'text.accent'
  | 'border.focused'
  | 'border.idle';

const colours: Record<Tone, string> = {
  'status.ok': 'green',
  'status.warn': 'yellow',
  'status.critical': 'red',
  'status.stale': 'magenta',
  'text.muted': 'gray',
  'text.accent': 'cyan',
  'border.focused': 'cyan',
  'border.idle': 'gray',
};

/**
 * True when `NO_COLOR` is set (https://no-color.org): then every tone is the default colour.
 * Read once: every line of every frame asks, and each read of `process.env` is a call into
 * Node's environment (6 ms of CPU a minute at 80x24).
 */
const colourDisabled = Boolean(process.env.NO_COLOR);

/** The Ink colour for a tone, or undefined under `NO_COLOR`. */
export function colourOf(tone: Tone | undefined): string | undefined {
  if (!tone || colourDisabled) return undefined;
  return colours[tone];
}

/** Tone of a ratio against warning and critical thresholds (the same ones the alert rules use). */
export function toneOfRatio(ratio: number, thresholds: {warn: number; critical: number}): Tone {
  if (ratio >= thresholds.critical) return 'status.critical';
  if (ratio >= thresholds.warn) return 'status.warn';
  return 'status.ok';
}
