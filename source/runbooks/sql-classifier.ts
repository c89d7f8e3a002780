import {sideEffectOf} from './side-effect-functions';
import {type ParsedStatement, parseSql} from './sql-parser';

/**
 * What running a piece of SQL may do. `read` only reads; `write` changes rows (previewed, then
 * confirmed); `dangerous` does something a rolled-back preview cannot contain or should not try
 * (DDL, VACUUM, killing sessions, advisory locks, row locks…): shown and confirmed, never
 * previewed; `unparseable` is not valid PostgreSQL and never runs.
 */
export type SqlClass = 'read' | 'write' | 'dangerous' | 'unparseable';

/** One statement's class and why. */
export type StatementClassification = {
  text: string;
  sqlClass: SqlClass;
  /** The parse tree's statement type: SelectStmt, UpdateStmt, VacuumStmt… */
  statementType: string;
  reasons: string[];
  /** The statement is an INSERT/UPDATE/DELETE/MERGE that already has a RETURNING list. */
  hasReturning: boolean;
  /** The statement has its own WITH clause. */
  hasWith: boolean;
};

/** A block's class (its most dangerous statement's) and its statements. */
export type SqlClassification = {
  sqlClass: SqlClass;
  statements: StatementClassification[];
  /** The parser's message when `sqlClass` is `unparseable`. */
  error?: string;
};

const rank: Record<SqlClass, number> = {read: 0, write: 1, dangerous: 2, unparseable: 3};
const writeTypes = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/** The more dangerous of two classes. */
export function worseClass(left: SqlClass, right: SqlClass): SqlClass {
  return rank[right] > rank[left] ? right : left;
}

type TreeFacts = {writes: string[]; sideEffects: string[]; rowLocks: boolean; selectInto: boolean};

/** Walks the whole parse tree (subqueries, CTEs, function arguments) without recursion. */
function factsOf(root: unknown): TreeFacts {
  const facts: TreeFacts = {writes: [], sideEffects: [], rowLocks: false, selectInto: false};
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      pending.push(...value);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      if (writeTypes.has(key)) facts.writes.push(key);
      if (key === 'lockingClause') facts.rowLocks = true;
      if (key === 'intoClause') facts.selectInto = true;
      if (key === 'FuncCall') {
        const names = (child as {funcname?: Array<{String?: {sval?: string}}>}).funcname ?? [];
        const name = names.at(-1)?.String?.sval ?? '';
        const why = sideEffectOf(name);
        if (why) facts.sideEffects.push(`${name}() ${why}`);
      }
      pending.push(child);
    }
  }
  return facts;
}

function explainAnalyzes(explain: Record<string, unknown>): boolean {
  const options = (explain.options ?? []) as Array<{DefElem?: {defname?: string; arg?: unknown}}>;
  return options.some((option) => {
    if (option.DefElem?.defname !== 'analyze') return false;
    const argument = JSON.stringify(option.DefElem.arg ?? '');
    return !/"(false|off|0)"|"boolval":\{\}|"ival":0/.test(argument);
  });
}

function classifyNode(
  type: string,
  node: Record<string, unknown>,
): {sqlClass: SqlClass; reasons: string[]} {
  if (type === 'VariableShowStmt') return {sqlClass: 'read', reasons: []};
  if (type === 'ExplainStmt') {
    const inner = (node.query ?? {}) as Record<string, Record<string, unknown>>;
    const [innerType = '', innerNode = {}] = Object.entries(inner)[0] ?? [];
    if (!explainAnalyzes(node)) return {sqlClass: 'read', reasons: []};
    const executed = classifyNode(innerType, innerNode);
    if (executed.sqlClass === 'write')
      return {sqlClass: 'dangerous', reasons: ['EXPLAIN ANALYZE executes the write it explains']};
    return executed;
  }
  const facts = factsOf(node);
  const reasons: string[] = [...facts.sideEffects];
  if (type === 'SelectStmt' || writeTypes.has(type)) {
    if (facts.selectInto) reasons.push('SELECT INTO creates a table');
    if (facts.rowLocks) reasons.push('FOR UPDATE/SHARE locks rows');
    if (reasons.length > 0) return {sqlClass: 'dangerous', reasons};
    if (writeTypes.has(type) || facts.writes.length > 0)
      return {sqlClass: 'write', reasons: writeTypes.has(type) ? [] : ['data-modifying WITH']};
    return {sqlClass: 'read', reasons: []};
  }
  return {
    sqlClass: 'dangerous',
    reasons: [`${type.replace(/Stmt$/, '')} is a DDL or utility statement`],
  };
}

/** Classifies one parsed statement. */
export function classifyStatement(statement: ParsedStatement): StatementClassification {
  const [type = 'Unknown', node = {}] = Object.entries(statement.node)[0] ?? [];
  const body = node as Record<string, unknown>;
  const {sqlClass, reasons} = classifyNode(type, body);
  return {
    text: statement.text,
    sqlClass,
    statementType: type,
    reasons,
    hasReturning: writeTypes.has(type) && Boolean(body.returningClause ?? body.returningList),
    hasWith: Boolean(body.withClause),
  };
}

/**
 * Classifies every statement of a SQL block with PostgreSQL's own grammar; the block is as
 * dangerous as its worst statement. Requires `loadSqlParser()` to have resolved.
 */
export function classifySql(sql: string): SqlClassification {
  const parsed = parseSql(sql);
  if ('error' in parsed) return {sqlClass: 'unparseable', statements: [], error: parsed.error};
  if (parsed.statements.length === 0)
    return {sqlClass: 'unparseable', statements: [], error: 'no SQL statement'};
  const statements = parsed.statements.map(classifyStatement);
  const sqlClass = statements.reduce<SqlClass>(
    (worst, item) => worseClass(worst, item.sqlClass),
    'read',
  );
  return {sqlClass, statements};
}
