import stringWidth from 'string-width';

/** Pads or cuts `text` to exactly `width` terminal columns (wide characters count twice). */
export function fitToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  let visible = stringWidth(text);
  if (visible > width) {
    let cut = '';
    visible = 0;
    for (const character of text) {
      const characterWidth = stringWidth(character);
      if (visible + characterWidth > width - 1) break;
      cut += character;
      visible += characterWidth;
    }
    return `${cut}…${' '.repeat(Math.max(0, width - visible - 1))}`;
  }
  const padding = ' '.repeat(width - visible);
  return align === 'left' ? text + padding : padding + text;
}

/** A duration as an on-call reads it: `850ms`, `42s`, `3m05s`, `2h04m`, `3d02h`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${Math.floor(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d${String(hours % 24).padStart(2, '0')}h`;
}

/**
 * How long ago something happened, in whole seconds: an age shown in milliseconds changes on
 * every refresh without telling the on-call anything (a query's own duration keeps them).
 */
export function formatAge(seconds: number): string {
  return Number.isFinite(seconds) && seconds >= 0 && seconds < 1 ? '0s' : formatDuration(seconds);
}

/** `HH:MM:SS` in UTC. */
export function formatClockUtc(date: Date): string {
  return date.toISOString().slice(11, 19);
}

/**
 * A whole number with thousands separators, as `toLocaleString('en-US')` writes it (`12,345`):
 * that call maps ICU's number-format data into the process, 6 MB more resident memory for a
 * comma.
 */
export function groupDigits(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
