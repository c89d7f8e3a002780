import type {HttpEndpoint} from '../config/application-settings';
import {redactSecrets} from '../text/redact-secrets';

/** Timeline kinds of the application actions. */
export type ApplicationActionKind = 'action.requeue' | 'action.retry' | 'action.stop-campaign';

/**
 * A write the application panes ask for: SQL statements run in one transaction (previewed
 * first in a rolled-back one), or one HTTP call. `title` says what it does in words.
 */
export type ApplicationActionRequest =
  | {kind: 'sql'; journalKind: ApplicationActionKind; title: string; statements: string[]}
  | {kind: 'http'; journalKind: ApplicationActionKind; title: string; endpoint: HttpEndpoint};

/** What a preview, execution or cancellation came to. */
export type ApplicationActionResult = {
  ok: boolean;
  /** One line for the pane and the timeline. */
  text: string;
  /** Rows each statement touched (SQL only). */
  rowCounts?: number[];
  httpStatus?: number;
};

/** A plan the pane can run, or why this action is not available with the current config. */
export type ActionPlan = {request: ApplicationActionRequest} | {unavailable: string};

/** Exactly what will run, for the confirmation: the SQL, or method and URL (never header values). */
export function describeApplicationAction(
  request: ApplicationActionRequest,
  secrets: readonly string[] = [],
): string[] {
  if (request.kind === 'sql') return request.statements.map((statement) => `${statement.trim()};`);
  const {method, url, headers} = request.endpoint;
  const names = Object.keys(headers);
  return [
    `${method} ${redactSecrets(url, secrets)}`,
    ...(names.length ? [`headers: ${names.join(', ')} (values hidden)`] : []),
  ];
}
