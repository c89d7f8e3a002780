/**
 * Text columns read so that bytes which are not UTF-8 cannot fail the query.
 *
 * A `SQL_ASCII` database stores whatever bytes it is given; sending such a value to a UTF-8
 * client fails the whole statement ("invalid byte sequence for encoding UTF8"), which blanked a
 * pane for one bad row. The value is sent as its raw bytes in `encode(…, 'escape')` form instead
 * (plain ASCII stays as it is, other bytes become `\ooo`), and decoded here as UTF-8, where a bad
 * byte costs one replacement character.
 */

/** SQL for `expression` as escaped bytes; decode the column with {@link readSafeText}. */
export function safeTextSql(expression: string): string {
  // Converting *to* SQL_ASCII never validates nor changes the bytes, whatever the database's encoding.
  return `encode(convert_to((${expression})::text, 'SQL_ASCII'), 'escape')`;
}

/** The text of a {@link safeTextSql} column (null stays null). */
export function readSafeText(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!value.includes('\\')) return value;
  const bytes: number[] = [];
  for (let index = 0; index < value.length; index++) {
    const character = value.charCodeAt(index);
    if (character === 0x5c && value[index + 1] === '\\') {
      bytes.push(0x5c);
      index += 1;
    } else if (character === 0x5c && /^[0-3][0-7]{2}$/.test(value.slice(index + 1, index + 4))) {
      bytes.push(Number.parseInt(value.slice(index + 1, index + 4), 8));
      index += 3;
    } else bytes.push(character & 0xff);
  }
  return Buffer.from(bytes).toString('utf8');
}
