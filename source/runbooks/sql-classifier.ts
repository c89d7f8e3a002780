import {isSideEffectFree} from './side-effect-free-functions';
import {sideEffectOf} from './side-effect-functions';
import {type ParsedStatement, parseSql} from './sql-parser';

/**
 * What running a piece of SQL may do. `read` only reads and calls only known side-effect-free
 * built-ins; `write` changes rows, or calls a function that is not known to be side-effect free
 * (a user function, a `SECURITY DEFINER` wrapper), and needs the typed confirmation; `dangerous`
 * does something a rolled-back preview cannot contain or should not try (DDL, VACUUM, killing
 * sessions, advisory locks, row locks…): shown and confirmed, never previewed; `unparseable` is
 * not valid PostgreSQL and never runs.
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
  /**
   * Allow-listed built-ins it calls without a schema: a function of the same name in another
   * schema could be picked instead (see `shadowedBuiltIns` in step-runner.ts).
   */
  builtInCalls: string[];
  /**
   * A rolled-back preview of the statement would change nothing outside its transaction: false
   * when it calls a function the classifier does not know (the preview would run it).
   */
  previewable: boolean;
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

type TreeFacts = {
  writes: string[];
  sideEffects: string[];
  /** Calls of functions (and operators) not known to be side-effect free, with why. */
  unknownCalls: string[];
  /** Allow-listed functions called without a schema (lower case, each once). */
  builtInCalls: Set<string>;
  rowLocks: boolean;
  selectInto: boolean;
};

type NameList = Array<{String?: {sval?: string}}>;

/** `[schema, name]` of a qualified name list (`pg_catalog.now` → `['pg_catalog', 'now']`). */
function nameOf(list: NameList | undefined): {schema?: string; name: string} {
  const parts = (list ?? []).map((part) => part.String?.sval ?? '');
  return {name: parts.at(-1) ?? '', schema: parts.length > 1 ? parts.at(-2) : undefined};
}

/** Walks the whole parse tree (subqueries, CTEs, function arguments) without recursion. */
function factsOf(root: unknown): TreeFacts {
  const facts: TreeFacts = {
    writes: [],
    sideEffects: [],
    unknownCalls: [],
    builtInCalls: new Set(),
    rowLocks: false,
    selectInto: false,
  };
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
        const {schema, name} = nameOf((child as {funcname?: NameList}).funcname);
        const why = sideEffectOf(name);
        if (why) facts.sideEffects.push(`${name}() ${why}`);
        else if (!isSideEffectFree(name, schema))
          facts.unknownCalls.push(
            `${schema ? `${schema}.` : ''}${name}() is not a known side-effect-free built-in`,
          );
        else if (schema === undefined) facts.builtInCalls.add(name.toLowerCase());
      }
      if (key === 'A_Expr') {
        // OPERATOR(schema.op) names someone's own operator, which runs someone's own function.
        const {schema, name} = nameOf((child as {name?: NameList}).name);
        if (schema !== undefined && schema.toLowerCase() !== 'pg_catalog')
          facts.unknownCalls.push(`operator ${schema}.${name} is not a built-in`);
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

type NodeClass = {sqlClass: SqlClass; reasons: string[]; previewable: boolean};

function classifyNode(type: string, node: Record<string, unknown>): NodeClass {
  if (type === 'VariableShowStmt') return {sqlClass: 'read', reasons: [], previewable: true};
  if (type === 'ExplainStmt') {
    const inner = (node.query ?? {}) as Record<string, Record<string, unknown>>;
    const [innerType = '', innerNode = {}] = Object.entries(inner)[0] ?? [];
    const executed = classifyNode(innerType, innerNode);
    if (!explainAnalyzes(node)) {
      // Planning alone folds calls of functions declared immutable, so an unknown one would run.
      const unknown = factsOf(innerNode).unknownCalls;
      return unknown.length > 0
        ? {sqlClass: 'write', reasons: unknown, previewable: false}
        : {sqlClass: 'read', reasons: [], previewable: true};
    }
    if (executed.sqlClass === 'write')
      return {
        sqlClass: 'dangerous',
        reasons: ['EXPLAIN ANALYZE executes the write it explains'],
        previewable: false,
      };
    return executed;
  }
  const facts = factsOf(node);
  const reasons: string[] = [...facts.sideEffects];
  if (type === 'SelectStmt' || writeTypes.has(type)) {
    if (facts.selectInto) reasons.push('SELECT INTO creates a table');
    if (facts.rowLocks) reasons.push('FOR UPDATE/SHARE locks rows');
    if (reasons.length > 0) return {sqlClass: 'dangerous', reasons, previewable: false};
    const previewable = facts.unknownCalls.length === 0;
    if (writeTypes.has(type) || facts.writes.length > 0)
      return {
        sqlClass: 'write',
        reasons: [...(writeTypes.has(type) ? [] : ['data-modifying WITH']), ...facts.unknownCalls],
        previewable,
      };
    if (!previewable) return {sqlClass: 'write', reasons: facts.unknownCalls, previewable};
    return {sqlClass: 'read', reasons: [], previewable};
  }
  return {
    sqlClass: 'dangerous',
    reasons: [`${type.replace(/Stmt$/, '')} is a DDL or utility statement`],
    previewable: false,
  };
}

/** Classifies one parsed statement. */
export function classifyStatement(statement: ParsedStatement): StatementClassification {
  const [type = 'Unknown', node = {}] = Object.entries(statement.node)[0] ?? [];
  const body = node as Record<string, unknown>;
  const {sqlClass, reasons, previewable} = classifyNode(type, body);
  return {
    text: statement.text,
    sqlClass,
    statementType: type,
    reasons,
    previewable,
    hasReturning: writeTypes.has(type) && Boolean(body.returningClause ?? body.returningList),
    hasWith: Boolean(body.withClause),
    builtInCalls: [...factsOf(body).builtInCalls],
  };
}

/**
 * Classifies every statement of a SQL block with PostgreSQL's own grammar; the block is as
 * dangerous as its worst statement. A call of any function not on the allow-list of
 * side-effect-free built-ins makes a statement at least a write. Pure and synchronous, so any
 * caller (runbook steps, SQL inside a shell step's `psql -c`) can use it. Requires
 * `loadSqlParser()` to have resolved.
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
