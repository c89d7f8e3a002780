import type {PostgresLifeline} from '../sources/postgres-lifeline';
import {redactSecrets} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import type {TimelineSink} from '../timeline/timeline-sink';
import {
  type ApplicationActionRequest,
  type ApplicationActionResult,
  describeApplicationAction,
} from './application-action';

/** What an application action may be asked to do: preview it, run it, or record its cancellation. */
export type ApplicationActionPhase = 'preview' | 'execute' | 'cancel';

/** Runs application actions, the way the cockpit runs database actions. */
export type ApplicationActionRunner = (
  request: ApplicationActionRequest,
  phase: ApplicationActionPhase,
) => Promise<ApplicationActionResult>;

/** Limits of an action's transaction: a write must never queue behind a lock for long. */
export const actionLimits = {lockTimeoutMs: 500, statementTimeoutMs: 3000};

/**
 * Creates the runner: a SQL preview runs in a transaction that is always rolled back (row
 * counts only), execution commits, an HTTP call runs with its timeout. Execution and
 * cancellation are journaled; secrets never reach the result or the timeline.
 */
export function createApplicationActionRunner(options: {
  lifeline: () => PostgresLifeline | undefined;
  timeline: TimelineSink;
  readOnly: boolean;
  secrets: readonly string[];
  fetch?: typeof fetch;
}): ApplicationActionRunner {
  const clean = (text: string) =>
    sanitizeTerminalText(redactSecrets(text, options.secrets), {maxLength: 300});
  return async (request, phase) => {
    const what = describeApplicationAction(request, options.secrets);
    if (phase === 'cancel') {
      await options.timeline.record({
        kind: 'action.cancelled',
        text: clean(`cancelled: ${request.title}`),
        data: {cancelledKind: request.journalKind, what},
      });
      return {ok: true, text: 'cancelled'};
    }
    if (options.readOnly) return {ok: false, text: 'read-only mode: actions are disabled'};
    if (request.kind === 'http') {
      if (phase === 'preview') return {ok: true, text: `will call ${what[0]}`};
      const result = await callEndpoint(request, options.fetch ?? fetch, clean);
      await options.timeline.record({
        kind: request.journalKind,
        text: clean(`${request.title}: ${result.text}`),
        data: {ok: result.ok, request: what[0], httpStatus: result.httpStatus},
      });
      return result;
    }
    const lifeline = options.lifeline();
    if (!lifeline) return {ok: false, text: 'not connected to the database'};
    let result: ApplicationActionResult;
    try {
      const results = await lifeline.transaction(request.statements, {
        readOnly: false,
        rollback: phase === 'preview',
        ...actionLimits,
      });
      const rowCounts = results.map((entry) => entry.rowCount ?? 0);
      const rows = rowCounts.reduce((sum, count) => sum + count, 0);
      result = {
        ok: true,
        rowCounts,
        text:
          phase === 'preview'
            ? `would change ${rows} row(s) (preview rolled back)`
            : `${rows} row(s) changed`,
      };
    } catch (error) {
      result = {ok: false, text: clean(error instanceof Error ? error.message : String(error))};
    }
    if (phase === 'execute') {
      await options.timeline.record({
        kind: request.journalKind,
        text: clean(`${request.title}: ${result.text}`),
        data: {ok: result.ok, statements: what, rowCounts: result.rowCounts},
      });
    }
    return result;
  };
}

async function callEndpoint(
  request: Extract<ApplicationActionRequest, {kind: 'http'}>,
  fetchImplementation: typeof fetch,
  clean: (text: string) => string,
): Promise<ApplicationActionResult> {
  const {method, url, headers, timeoutMs} = request.endpoint;
  try {
    const response = await fetchImplementation(url, {
      method,
      headers,
      signal: AbortSignal.timeout(timeoutMs),
      // A redirect would carry the configured auth headers to wherever it points.
      redirect: 'manual',
    });
    const body = await boundedText(response, 200);
    const text = `HTTP ${response.status}${body ? ` ${body}` : ''}`;
    return {ok: response.ok, httpStatus: response.status, text: clean(text)};
  } catch (error) {
    const name = (error as {name?: string})?.name;
    const text =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${timeoutMs} ms`
        : error instanceof Error
          ? error.message
          : String(error);
    return {ok: false, text: clean(text)};
  }
}

/** The first `limit` characters of a response body, without reading a huge body whole. */
async function boundedText(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < limit) {
      const {done, value} = await reader.read();
      if (done) break;
      text += decoder.decode(value, {stream: true});
    }
  } catch {
    // A body cut short is still worth showing as far as it went.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, limit);
}
