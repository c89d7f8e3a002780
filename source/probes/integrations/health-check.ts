import type {SupabaseClient} from '@supabase/supabase-js';
import {redactSecrets} from '../../text/redact-secrets';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';

/** How an integration answered one check. */
export type HealthStatus = 'ok' | 'degraded' | 'rate-limited' | 'down' | 'unconfigured';

/** The outcome of one check. */
export type CheckResult = {
  status: HealthStatus;
  httpStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  retryAfterSeconds: number | null;
};

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now) / 1000));
}

/** A result from an HTTP response (any status) and the time it took. */
export async function resultOfResponse(
  response: Response,
  latencyMs: number,
  secrets: readonly string[],
): Promise<CheckResult> {
  const status = response.status;
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  if (response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return {status: 'ok', httpStatus: status, latencyMs, error: null, retryAfterSeconds: null};
  }
  const body = await readBounded(response, 200);
  const error = clean(`HTTP ${status}${body ? `: ${body}` : ''}`, secrets);
  const health: HealthStatus =
    status === 429 ? 'rate-limited' : status >= 500 ? 'down' : 'degraded';
  return {status: health, httpStatus: status, latencyMs, error, retryAfterSeconds};
}

/** A result for a request that got no response: refused, reset, or aborted by its timeout. */
export function resultOfFailure(
  error: unknown,
  timeoutMs: number,
  secrets: readonly string[],
): CheckResult {
  const cause = (error as {context?: unknown; cause?: unknown})?.context ?? error;
  const name = (cause as {name?: string})?.name ?? '';
  const message =
    name === 'AbortError' || name === 'TimeoutError'
      ? `no answer within ${timeoutMs} ms`
      : cause instanceof Error
        ? `${cause.message}${cause.cause instanceof Error ? ` (${cause.cause.message})` : ''}`
        : String(cause);
  return {
    status: 'down',
    httpStatus: null,
    latencyMs: null,
    error: clean(message, secrets),
    retryAfterSeconds: null,
  };
}

/** Invokes an edge function through supabase-js with a timeout, and classifies the answer. */
export async function checkEdgeFunction(
  client: SupabaseClient,
  check: {
    name: string;
    method: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
    body: unknown;
    timeoutMs: number;
  },
  secrets: readonly string[],
): Promise<CheckResult> {
  const started = performance.now();
  const outcome = await client.functions.invoke(check.name, {
    method: check.method,
    ...(check.body === undefined ? {} : {body: check.body as Record<string, unknown>}),
    timeout: check.timeoutMs,
    signal: AbortSignal.timeout(check.timeoutMs + 250),
  });
  const latencyMs = Math.round(performance.now() - started);
  if (outcome.response) {
    const result = await resultOfResponse(outcome.response, latencyMs, secrets);
    if (outcome.response.headers.get('x-relay-error') === 'true')
      return {...result, status: 'down', error: result.error ?? 'Supabase relay error'};
    return result;
  }
  if (outcome.error) return resultOfFailure(outcome.error, check.timeoutMs, secrets);
  return {status: 'ok', httpStatus: null, latencyMs, error: null, retryAfterSeconds: null};
}

/** Fetches a plain health URL with a timeout, and classifies the answer. */
export async function checkHealthUrl(
  check: {url: string; timeoutMs: number},
  secrets: readonly string[],
): Promise<CheckResult> {
  const started = performance.now();
  try {
    const response = await fetch(check.url, {signal: AbortSignal.timeout(check.timeoutMs)});
    return await resultOfResponse(response, Math.round(performance.now() - started), secrets);
  } catch (error) {
    return resultOfFailure(error, check.timeoutMs, secrets);
  }
}

function clean(text: string, secrets: readonly string[]): string {
  return sanitizeTerminalText(redactSecrets(text, secrets), {maxLength: 160});
}

async function readBounded(response: Response, maxCharacters: number): Promise<string> {
  try {
    const reader = response.body?.getReader();
    if (!reader) return '';
    let text = '';
    const decoder = new TextDecoder();
    while (text.length < maxCharacters) {
      const {done, value} = await reader.read();
      if (done) break;
      text += decoder.decode(value, {stream: true});
    }
    await reader.cancel().catch(() => undefined);
    return text.slice(0, maxCharacters);
  } catch {
    return '';
  }
}
