import {type ApplicationSettings, resolveApplicationSettings} from '../config/application-settings';
import type {AlertRule} from './alert-rule';
import {applicationRules} from './application-rules';
import {databaseRules} from './database-rules';

/** Every alert rule the cockpit evaluates. Rule ids are what runbook `triggers` name. */
export function allAlertRules(
  application: ApplicationSettings = resolveApplicationSettings(),
): AlertRule[] {
  return [...databaseRules, ...applicationRules(application.alerts)];
}

/** The ids of the rules, which runbook `triggers:` may name; derived, so a new rule is known. */
export function alertRuleIds(
  application: ApplicationSettings = resolveApplicationSettings(),
): string[] {
  return allAlertRules(application).map((rule) => rule.id);
}
