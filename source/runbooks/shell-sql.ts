import {classifySql, type SqlClass, type SqlClassification, worseClass} from './sql-classifier';

/**
 * SQL that a shell step hands to psql — `psql -c "…"`, `psql --command=…`, `kubectl exec … --
 * psql -c "…"`, or a here-document `psql <<EOF … EOF` — so that a shell step is confirmed as
 * what its SQL does (`pg_terminate_backend` inside `psql -c` needs the `dangerous` word).
 * The words are read the way sh reads them (quotes, backslashes, line continuations); the
 * SQL is then classified by the SQL classifier itself.
 */

type Word = {text: string; end: number};

const separators = new Set([';', '|', '&', '\n', '(', ')']);

/** Splits one shell line's words up to a command separator; quotes are removed as sh would. */
function wordsOf(script: string, start: number): {words: Word[]; end: number} {
  const words: Word[] = [];
  let index = start;
  let current: string | undefined;
  const finish = () => {
    if (current !== undefined) words.push({text: current, end: index});
    current = undefined;
  };
  while (index < script.length) {
    const character = script[index]!;
    if (character === '\\' && script[index + 1] === '\n') {
      index += 2;
      continue;
    }
    if (character === ' ' || character === '\t') {
      finish();
      index += 1;
      continue;
    }
    if (separators.has(character)) break;
    if (character === '#' && current === undefined) {
      while (index < script.length && script[index] !== '\n') index += 1;
      break;
    }
    current ??= '';
    if (character === "'") {
      const close = script.indexOf("'", index + 1);
      const stop = close === -1 ? script.length : close;
      current += script.slice(index + 1, stop);
      index = stop + 1;
    } else if (character === '"') {
      index += 1;
      while (index < script.length && script[index] !== '"') {
        if (script[index] === '\\' && '"\\$`\n'.includes(script[index + 1] ?? '')) {
          if (script[index + 1] !== '\n') current += script[index + 1];
          index += 2;
        } else {
          current += script[index];
          index += 1;
        }
      }
      index += 1;
    } else if (character === '\\') {
      current += script[index + 1] ?? '';
      index += 2;
    } else {
      current += character;
      index += 1;
    }
  }
  finish();
  return {words, end: index};
}

const isPsql = (word: string) => /(?:^|\/)psql$/.test(word);

/** The SQL texts a shell command gives to psql, in order. */
export function sqlInShellCommand(command: string): string[] {
  const script = command.replace(/\r\n?/g, '\n');
  const found: string[] = [];
  let index = 0;
  while (index < script.length) {
    const {words, end} = wordsOf(script, index);
    const psqlAt = words.findIndex((word) => isPsql(word.text));
    if (psqlAt >= 0) {
      const options = words.slice(psqlAt + 1);
      for (let at = 0; at < options.length; at += 1) {
        const word = options[at]!.text;
        if (word === '-c' || word === '--command') {
          const sql = options[at + 1]?.text;
          if (sql !== undefined) found.push(sql);
          at += 1;
        } else if (word.startsWith('--command=')) found.push(word.slice('--command='.length));
        else if (/^-c./.test(word)) found.push(word.slice(2));
        else {
          const heredoc = /^<<-?(.*)$/.exec(word);
          const delimiter = heredoc?.[1] || (heredoc ? options[at + 1]?.text : undefined);
          if (delimiter) {
            const bodyStart = script.indexOf('\n', end);
            if (bodyStart >= 0) {
              const lines = script.slice(bodyStart + 1).split('\n');
              const close = lines.findIndex((line) => line.trim() === delimiter);
              found.push(lines.slice(0, close === -1 ? lines.length : close).join('\n'));
            }
          }
        }
      }
    }
    index = end + 1;
  }
  return found.filter((sql) => sql.trim() !== '');
}

// A psql meta-command that runs a shell, writes files or executes query results.
const actingMetaCommand = /^\\(?:!|copy\b|o\b|out\b|w\b|write\b|g\b|gexec\b|i\b|ir\b|include\b)/i;

/** Placeholders and shell variables stand in for values: classify the SQL with a literal there. */
function withValues(sql: string): string {
  return sql
    .replace(/\{\{[^}]*\}\}/g, '0')
    .replace(/\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*/g, '0')
    .replace(/<[A-Za-z][\w-]*>/g, '0')
    .replace(/(?<!['\w])\[[A-Za-z][\w-]*\](?!['\w])/g, '0');
}

/**
 * What the SQL inside a shell command may do, as the SQL classifier says; undefined when the
 * command gives psql no SQL. SQL that does not parse counts as dangerous here: it runs anyway
 * once the command runs. Requires `loadSqlParser()`.
 */
export function classifyShellCommandSql(command: string): SqlClassification | undefined {
  const texts = sqlInShellCommand(command);
  if (texts.length === 0) return undefined;
  let sqlClass: SqlClass = 'read';
  const statements: SqlClassification['statements'] = [];
  for (const text of texts) {
    const sql = text
      .split('\n')
      .filter((line) => {
        if (!line.trim().startsWith('\\')) return true;
        if (actingMetaCommand.test(line.trim())) sqlClass = 'dangerous';
        return false;
      })
      .join('\n');
    if (sql.trim() === '') continue;
    const classification = classifySql(withValues(sql));
    const worst = classification.sqlClass === 'unparseable' ? 'dangerous' : classification.sqlClass;
    sqlClass = worseClass(sqlClass, worst);
    statements.push(...classification.statements);
  }
  return {sqlClass, statements};
}
