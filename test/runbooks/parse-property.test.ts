import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import type {Step} from '../../source/runbooks/runbook-model';

const fragments = [
  '# ',
  '## ',
  '### 1. ',
  '- ',
  '* ',
  '1. ',
  '  ',
  '    ',
  '> ',
  '- [ ] ',
  '- [x] ',
  '**Detection:**',
  '**Detect**: ',
  '```sql\n',
  '```\n',
  '~~~\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n',
  '---\n',
  'id: x\n',
  'triggers: [a, b]\n',
  '`[api-key-id]`',
  "'user@example.com'",
  '$VAR',
  '<name>',
  'â€“',
  '‚Üí',
  '\u001b[31m',
  '\u0000',
  '\r\n',
  '\n',
  '\n\n',
  'text ',
  'Mitigation',
  '<!--',
  '-->',
  '[link](http://x)',
  '***',
  '___',
  '\t',
];

const markdown = fc
  .array(
    fc.oneof(
      fc.constantFrom(...fragments),
      fc.string({maxLength: 12}),
      fc.string({maxLength: 6, unit: 'binary'}),
    ),
    {maxLength: 80},
  )
  .map((parts) => parts.join(''));

function wellFormedSteps(steps: readonly Step[], depth: number): boolean {
  return steps.every(
    (step) =>
      typeof step.text === 'string' &&
      Number.isInteger(step.line) &&
      step.line >= 1 &&
      step.code.every(
        (block) =>
          typeof block.lang === 'string' &&
          typeof block.text === 'string' &&
          Array.isArray(block.placeholders),
      ) &&
      depth < 64 &&
      wellFormedSteps(step.steps, depth + 1),
  );
}

function assertWellFormed(input: string | Uint8Array): void {
  const runbook = parseRunbook(input, 'random.md');
  expect(typeof runbook.id).toBe('string');
  expect(typeof runbook.title).toBe('string');
  expect(Array.isArray(runbook.triggers)).toBe(true);
  for (const warning of runbook.warnings) {
    expect(Number.isInteger(warning.line)).toBe(true);
    expect(typeof warning.message).toBe('string');
  }
  for (const incident of runbook.incidents) {
    expect(typeof incident.title).toBe('string');
    for (const phase of incident.phases) {
      expect(phase.steps.length).toBeGreaterThan(0);
      expect(wellFormedSteps(phase.steps, 0)).toBe(true);
    }
  }
  // The model is plain data: it survives a JSON round trip unchanged.
  expect(JSON.parse(JSON.stringify(runbook))).toEqual(JSON.parse(JSON.stringify(runbook)));
}

describe('parseRunbook never throws', () => {
  it('on random Markdown', () => {
    fc.assert(
      fc.property(markdown, (text) => assertWellFormed(text)),
      {numRuns: 300},
    );
  });

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 2048}), (bytes) => assertWellFormed(bytes)),
      {numRuns: 200},
    );
  });
});
