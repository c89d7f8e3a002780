/**
 * Repairs text that was UTF-8 once but was read as Windows-1252 (`â€“` for `–`) or Mac Roman
 * (`‚Üí` for `→`) and saved again — a common scar on runbooks copied between tools. A run of
 * characters is replaced only when its bytes in one of those encodings form one valid UTF-8
 * sequence, so correct accented text (`café`, `Übersicht`) is left alone.
 */

type ByteTable = Map<string, number>;

function tableOf(encoding: string): ByteTable {
  const bytes = Uint8Array.from({length: 128}, (_, index) => index + 128);
  const characters = Array.from(new TextDecoder(encoding).decode(bytes));
  return new Map(characters.map((character, index) => [character, index + 128]));
}

let tables: ByteTable[] | undefined;
const strictUtf8 = new TextDecoder('utf-8', {fatal: true});

function sequenceLength(leadByte: number): number {
  if (leadByte >= 0xc2 && leadByte <= 0xdf) return 2;
  if (leadByte >= 0xe0 && leadByte <= 0xef) return 3;
  if (leadByte >= 0xf0 && leadByte <= 0xf4) return 4;
  return 0;
}

function decodeAt(characters: string[], start: number, table: ByteTable): string | undefined {
  const lead = table.get(characters[start]!);
  if (lead === undefined) return undefined;
  const length = sequenceLength(lead);
  if (length === 0 || start + length > characters.length) return undefined;
  const bytes = [lead];
  for (let offset = 1; offset < length; offset += 1) {
    const byte = table.get(characters[start + offset]!);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return undefined;
    bytes.push(byte);
  }
  try {
    return strictUtf8.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/** `line` with mis-encoded UTF-8 sequences decoded; returns the same string when nothing changed. */
export function repairMisencodedText(line: string): string {
  // Fast path: mojibake needs at least two non-ASCII characters in a row.
  if (!/[^\u0000-\u007f]{2}/.test(line)) return line;
  tables ??= [tableOf('windows-1252'), tableOf('macintosh')];
  const characters = Array.from(line);
  let result = '';
  let index = 0;
  while (index < characters.length) {
    let repaired: string | undefined;
    let consumed = 0;
    for (const table of tables) {
      repaired = decodeAt(characters, index, table);
      if (repaired !== undefined) {
        consumed = sequenceLength(table.get(characters[index]!)!);
        break;
      }
    }
    if (repaired === undefined) {
      result += characters[index];
      index += 1;
    } else {
      result += repaired;
      index += consumed;
    }
  }
  return result;
}
