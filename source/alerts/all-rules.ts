import {type ApplicationSettings, resolveApplicationSettings} from '../config/application-settings';
import {signalRule} from '../signals/signal-rules';
import type {AlertRule} from './alert-rule';
import {applicationRules} from './application-rules';
import {databaseRules} from './database-rules';
import {databaseUnreachableRule} from './database-unreachable-rule';

/** Every alert rule the cockpit evaluates. Rule ids are what runbook `triggers` name. */
export function allAlertRules(
  application: ApplicationSettings = resolveApplicationSettings(),
): AlertRule[] {
  return [
    ...databaseRules,
    ...applicationRules(application.alerts),
    databaseUnreachableRule(application.alerts.databaseUnreachableSeconds),
    ...application.signals.map(signalRule),
  ];
}
