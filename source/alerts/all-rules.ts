import type {AlertRule} from './alert-rule';
import {databaseRules} from './database-rules';

/** Every alert rule the cockpit evaluates. Rule ids are what runbook `triggers` name. */
export function allAlertRules(): AlertRule[] {
  return [...databaseRules];
}
