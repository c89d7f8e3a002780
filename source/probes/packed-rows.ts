/** Separates the rows of a packed value, as the statements write it (E'\x1e'). */
const rowSeparator = '\u001e';
/** Separates the fields of a packed row (E'\x1f'). */
const fieldSeparator = '\u001f';

/**
 * The rows a statement sent packed in one text value: rows joined by \x1e, fields by \x1f, an
 * empty field for NULL (activity.pg14.sql says why and which fields may be packed). A row with
 * another number of fields than expected had a separator in a value: it is refused with an
 * error rather than read with every field after it shifted.
 */
export function unpackRows(packed: string | null, fieldCount: number, what: string): string[][] {
  if (packed === null || packed === '') return [];
  const rows = packed.split(rowSeparator);
  const unpacked: string[][] = [];
  for (let index = 0; index < rows.length; index++) {
    const fields = rows[index]!.split(fieldSeparator);
    if (fields.length !== fieldCount)
      throw new Error(
        `${what}: a row came with ${fields.length} fields instead of ${fieldCount}, so it cannot be read`,
      );
    unpacked.push(fields);
  }
  return unpacked;
}

/** A packed text field: null where it is empty. */
export function packedText(field: string): string | null {
  return field === '' ? null : field;
}

/** A packed integer field (a pid, an age, an oid): null where it is empty. */
export function packedInteger(field: string): number | null {
  return field === '' ? null : Number(field);
}

/**
 * A packed timestamp, written as JSON writes it (an ISO 8601 string, in quotes): the string
 * inside the quotes, or null where it is empty.
 */
export function packedTimestamp(field: string): string | null {
  return field === '' ? null : field.slice(1, -1);
}

/**
 * A packed timestamp sent as seconds since 1970 to the microsecond (`date_part('epoch', …)`,
 * written shortest-exact): as PostgreSQL's JSON writes a timestamp in UTC, fraction trimmed
 * ("2026-12-08T04:13:26.1234+00:00"), or null where it is empty. Exact to the microsecond, so
 * that a session can be named by its connection time in SQL.
 */
export function packedEpochTimestamp(field: string): string | null {
  if (field === '') return null;
  // Written shortest-exact, a time of these centuries shows its microseconds as its decimals
  // (no shorter decimal falls within half a float's step of it): they are copied, not computed.
  const dot = field.indexOf('.');
  const decimals = dot < 0 ? '' : field.slice(dot + 1);
  if (field[0] === '-' || field.includes('e') || decimals.length > 6) return computedEpoch(field);
  const second = Number(dot < 0 ? field : field.slice(0, dot));
  // The sessions of one read mostly changed within the same second.
  if (second !== lastSecond) {
    lastSecond = second;
    lastSecondText = new Date(second * 1000).toISOString().slice(0, 19);
  }
  return decimals ? `${lastSecondText}.${decimals}+00:00` : `${lastSecondText}+00:00`;
}

let lastSecond = Number.NaN;
let lastSecondText = '';

/** The same, worked out from the number: for times before 1970 or written in exponent form. */
function computedEpoch(field: string): string {
  // Within half a microsecond of the value sent: rounding gives back its microseconds.
  const micros = Math.round(Number(field) * 1e6);
  const fraction = ((micros % 1e6) + 1e6) % 1e6;
  const seconds = new Date((micros - fraction) / 1000).toISOString().slice(0, 19);
  if (fraction === 0) return `${seconds}+00:00`;
  return `${seconds}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}+00:00`;
}
