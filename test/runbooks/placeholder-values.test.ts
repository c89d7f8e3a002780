import {describe, expect, it} from 'vitest';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {valueKindOf, valueProblem} from '../../source/runbooks/placeholder-kinds';
import type {Placeholder} from '../../source/runbooks/runbook-model';
import {allSteps} from '../../source/runbooks/runbook-walk';
import {isSecretPlaceholder} from '../../source/runbooks/secret-placeholders';

const named = (name: string, description?: string): Placeholder => ({
  token: `[${name}]`,
  name,
  kind: 'bracket',
  ...(description ? {description} : {}),
});

describe('secret placeholders', () => {
  it.each([
    ['SERVICE_ROLE_KEY', true],
    ['SUPABASE_SERVICE_ROLE_KEY', true],
    ['GITHUB_TOKEN', true],
    ['webhook-secret', true],
    ['PGPASSWORD', true],
    ['password', true],
    ['stripe-api-key', true],
    ['API_KEY', true],
    ['api-key-id', false],
    ['idempotency-key', false],
    ['pid', false],
    ['user-email', false],
    ['DATABASE_URL', true],
  ])('%s → %s', (name, secret) => {
    expect(isSecretPlaceholder(named(name))).toBe(secret);
  });

  it('reads the description and the front matter', () => {
    expect(isSecretPlaceholder(named('signing', 'the partner API key'))).toBe(true);
    expect(isSecretPlaceholder(named('key-id', 'id of the offending key'))).toBe(false);
    const fence = '```';
    const runbook = parseRunbook(
      `---\nplaceholders:\n  shared: {description: value both sides hold, secret: true}\n  region: where it runs\n---\n# T\n## Fix\n- step\n  ${fence}sql\n  SELECT '[shared]', '[region]'\n  ${fence}\n`,
      't.md',
    );
    const [code] = [...allSteps(runbook)][0]!.step.code;
    expect(code!.placeholders.map((item) => [item.name, isSecretPlaceholder(item)])).toEqual([
      ['shared', true],
      ['region', false],
    ]);
    expect(code!.placeholders[0]!.description).toBe('value both sides hold');
  });
});

describe('placeholder value kinds', () => {
  it('checks a value against the kind its name implies', () => {
    expect(valueKindOf(named('pid'))).toBe('integer');
    expect(valueKindOf(named('target', 'backend pid to end'))).toBe('integer');
    expect(valueProblem(named('pid'), '12a')).toBe(
      'pid must be a positive whole number (such as 12345)',
    );
    expect(valueProblem(named('pid'), '0')).toBeDefined();
    expect(valueProblem(named('pid'), ' 4242 ')).toBeUndefined();
    expect(valueProblem(named('user-email'), 'nobody')).toMatch(/email address/);
    expect(valueProblem(named('user-email'), 'user@example.com')).toBeUndefined();
    expect(valueProblem(named('key-uuid'), 'abc')).toMatch(/UUID/);
    expect(valueProblem(named('webhook-url'), 'example.com/x')).toMatch(/must be a URL/);
    expect(valueProblem(named('DATABASE_URL'), 'postgres://u@db/x')).toBeUndefined();
    expect(valueProblem(named('reason'), '')).toBeUndefined();
    expect(valueProblem(named('pid'), '')).toBe('pid needs a value');
  });
});
