import {isSqlBlock} from './code-language';
import type {Runbook, RunbookWarning} from './runbook-model';
import {allSteps} from './runbook-walk';
import {classifySql} from './sql-classifier';
import {bindSqlPlaceholders} from './sql-placeholders';

/** Whether a finding fails `cockpit runbooks lint` (exit 1). */
export function isError(warning: RunbookWarning): boolean {
  return warning.level === 'error';
}

/**
 * Checks a parsed runbook beyond what parsing reports. Errors: a trigger that names none of
 * `knownTriggers` (the alert rule ids, see `alertRuleIds()`), SQL that PostgreSQL's grammar rejects (placeholders filled with dummy values
 * first), and the parser's own errors (invalid front matter, unreadable file). Warnings: a
 * placeholder with no description, a section or incident without steps, repaired encodings.
 * Requires `loadSqlParser()`.
 */
export function lintRunbook(runbook: Runbook, knownTriggers: readonly string[]): RunbookWarning[] {
  const findings: RunbookWarning[] = runbook.warnings.map((warning) => ({
    ...warning,
    level: warning.level ?? 'warning',
  }));
  for (const trigger of runbook.triggers)
    if (!knownTriggers.includes(trigger))
      findings.push({
        line: 1,
        level: 'error',
        message: `unknown trigger "${trigger}" (no alert rule has this id)`,
      });
  const described = new Set<string>();
  for (const {step} of allSteps(runbook)) {
    for (const code of step.code) {
      for (const placeholder of code.placeholders) {
        if (placeholder.description || described.has(placeholder.name)) continue;
        described.add(placeholder.name);
        findings.push({
          line: code.line,
          level: 'warning',
          message: `placeholder ${placeholder.token} has no description`,
        });
      }
      if (!isSqlBlock(code)) continue;
      const dummies = Object.fromEntries(
        code.placeholders.map((placeholder) => [placeholder.name, '0']),
      );
      const bound = bindSqlPlaceholders(code.text, code.placeholders, dummies);
      const classification =
        'error' in bound ? {sqlClass: 'unparseable', error: bound.error} : classifySql(bound.sql);
      if (classification.sqlClass === 'unparseable')
        findings.push({
          line: code.line,
          level: 'error',
          message: `SQL does not parse: ${classification.error}`,
        });
    }
  }
  return findings.sort((left, right) => left.line - right.line);
}
