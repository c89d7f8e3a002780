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

/** The ids of the rules, which runbook `triggers:` may name; derived, so a new rule is known. */
export function alertRuleIds(
  application: ApplicationSettings = resolveApplicationSettings(),
): string[] {
  return allAlertRules(application).map((rule) => rule.id);
}

/**
 * Signals the library's runbooks expect a product to configure under these names (see the
 * README's signals section); a configured signal's own id is accepted too.
 */
export const conventionalSignalIds: readonly string[] = [
  'signal:failed-logins',
  'signal:cron-failures',
  'signal:duplicate-redemptions',
  'signal:payment-failures',
  'signal:reservation-drift',
];

/** Every id a runbook's `triggers:` may name: the alert rules' and the conventional signals'. */
export function triggerIds(application?: ApplicationSettings): string[] {
  return [...new Set([...alertRuleIds(application), ...conventionalSignalIds])];
}
