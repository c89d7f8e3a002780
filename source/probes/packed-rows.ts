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
