import type {PostgresLifeline} from '../sources/postgres-lifeline';
import {redactSecrets} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {
  type ApplicationActionRequest,
  type ApplicationActionResult,
  describeApplicationAction,
} from './application-action';

/** What an application action may be asked to do: preview it, run it, or record its cancellation. */
export type ApplicationActionPhase = 'preview' | 'execute' | 'cancel';

/** Previews, executes or records the cancellation of an application action (the write pipeline's). */
export type ApplicationActionRunner = (
  request: ApplicationActionRequest,
  phase: ApplicationActionPhase,
) => Promise<ApplicationActionResult>;

/** Limits of an action's transaction: a write must never queue behind a lock for long. */
export const actionLimits = {lockTimeoutMs: 500, statementTimeoutMs: 3000};

/** Where an application action runs: the lifeline for SQL, `fetch` for HTTP. */
export type ApplicationActionTargets = {
  lifeline: () => PostgresLifeline | undefined;
  secrets: readonly string[];
  fetch?: typeof fetch;
};

/**
 * Previews or executes one application action, nothing more: a SQL preview runs in a
 * transaction that is always rolled back (row counts only), execution commits, an HTTP call
 * runs with its timeout (previewing one only says what it will call). The write pipeline
 * decides whether it may run and journals it; secrets never reach the result.
 */
export async function performApplicationAction(
  request: ApplicationActionRequest,
  phase: 'preview' | 'execute',
  targets: ApplicationActionTargets,
): Promise<ApplicationActionResult> {
  const clean = (text: string) =>
    sanitizeTerminalText(redactSecrets(text, targets.secrets), {maxLength: 300});
  if (request.kind === 'http') {
    if (phase === 'preview')
      return {
        ok: true,
        text: `will call ${describeApplicationAction(request, targets.secrets)[0]}`,
      };
    return callEndpoint(request, targets.fetch ?? fetch, clean);
  }
  const lifeline = targets.lifeline();
  if (!lifeline) return {ok: false, text: 'not connected to the database'};
  try {
    const results = await lifeline.transaction(request.statements, {
      readOnly: false,
      rollback: phase === 'preview',
      resetSession: true,
      ...actionLimits,
    });
    const rowCounts = results.map((entry) => entry.rowCount ?? 0);
    const rows = rowCounts.reduce((sum, count) => sum + count, 0);
    return {
      ok: true,
      rowCounts,
      text:
        phase === 'preview'
          ? `would change ${rows} row(s) (preview rolled back)`
          : `${rows} row(s) changed`,
    };
  } catch (error) {
    return {ok: false, text: clean(error instanceof Error ? error.message : String(error))};
  }
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
