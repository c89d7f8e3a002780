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
