import pg from 'pg';
import type {Placeholder} from './runbook-model';
import {parseSql, scanSql} from './sql-parser';

const {escapeLiteral, escapeIdentifier} = pg as unknown as {
  escapeLiteral: (value: string) => string;
  escapeIdentifier: (value: string) => string;
};

/** SQL with its placeholders replaced by quoted values, or what is missing or wrong. */
export type BoundSql = {sql: string} | {error: string};

type Occurrence = {start: number; end: number; placeholder: Placeholder};
type Literal = {start: number; end: number; text: string};

function literalsOf(sql: string): Literal[] | undefined {
  const tokens = scanSql(sql);
  if (!tokens) return undefined;
  // The scanner reports byte offsets into the UTF-8 text.
  const bytes = Buffer.from(sql, 'utf8');
  const charIndex = (byte: number) => bytes.subarray(0, byte).toString('utf8').length;
  return tokens
    .filter((token) => token.tokenName === 'SCONST' || /COMMENT$/.test(token.tokenName))
    .map((token) => {
      const start = charIndex(token.start);
      const end = charIndex(token.end);
      return {start, end, text: /COMMENT$/.test(token.tokenName) ? '' : sql.slice(start, end)};
    });
}

function occurrencesOf(sql: string, placeholders: readonly Placeholder[]): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const placeholder of placeholders) {
    let index = sql.indexOf(placeholder.token);
    while (index >= 0) {
      occurrences.push({start: index, end: index + placeholder.token.length, placeholder});
      index = sql.indexOf(placeholder.token, index + placeholder.token.length);
    }
  }
  return occurrences.sort((left, right) => left.start - right.start);
}

/**
 * Replaces placeholders in SQL with safely quoted values: inside a string literal the whole
 * literal is rebuilt and quoted again (`'[id]'` → `'value'`, with quotes doubled); a bare one
 * becomes a literal, or a quoted identifier where only an identifier parses (`ANALYZE <table>`).
 * Values are never spliced in unquoted. A missing value is an error naming the placeholder.
 * Requires `loadSqlParser()`.
 */
export function bindSqlPlaceholders(
  sql: string,
  placeholders: readonly Placeholder[],
  values: Readonly<Record<string, string>>,
): BoundSql {
  for (const placeholder of placeholders) {
    const value = values[placeholder.name];
    if (value === undefined)
      return {error: `missing value for ${placeholder.token} (${placeholder.name})`};
    if (value.includes('\u0000'))
      return {error: `the value for ${placeholder.name} contains a NUL byte`};
  }
  const literals = literalsOf(sql);
  if (!literals) return {error: 'the SQL cannot be scanned (an unterminated quote?)'};
  const occurrences = occurrencesOf(sql, placeholders);
  const replacements: Array<{start: number; end: number; literal?: string; bare?: string}> = [];
  for (const literal of literals) {
    const inside = occurrences.filter(
      (item) => item.start >= literal.start && item.end <= literal.end,
    );
    if (inside.length === 0 || literal.text === '') continue;
    if (
      inside.length === 1 &&
      inside[0]!.start === literal.start &&
      inside[0]!.end === literal.end
    ) {
      replacements.push({...literal, literal: escapeLiteral(values[inside[0]!.placeholder.name]!)});
      continue;
    }
    if (!literal.text.startsWith("'"))
      return {error: 'placeholders are only bound inside plain quoted strings'};
    // Rebuild the literal's value: the runbook's own text unescaped, the values as they are.
    let content = '';
    let cursor = literal.start + 1;
    for (const item of inside) {
      content += sql.slice(cursor, item.start).replace(/''/g, "'") + values[item.placeholder.name]!;
      cursor = item.end;
    }
    content += sql.slice(cursor, literal.end - 1).replace(/''/g, "'");
    replacements.push({...literal, literal: escapeLiteral(content)});
  }
  for (const item of occurrences) {
    if (literals.some((literal) => item.start >= literal.start && item.end <= literal.end))
      continue;
    replacements.push({start: item.start, end: item.end, bare: values[item.placeholder.name]!});
  }
  const render = (asIdentifier: boolean) => {
    let result = sql;
    for (const item of [...replacements].sort((left, right) => right.start - left.start)) {
      const text =
        item.literal ?? (asIdentifier ? escapeIdentifier(item.bare!) : escapeLiteral(item.bare!));
      result = result.slice(0, item.start) + text + result.slice(item.end);
    }
    return result;
  };
  const asLiterals = render(false);
  if (!replacements.some((item) => item.bare !== undefined) || !('error' in parseSql(asLiterals)))
    return {sql: asLiterals};
  const asIdentifiers = render(true);
  return {sql: 'error' in parseSql(asIdentifiers) ? asLiterals : asIdentifiers};
}
