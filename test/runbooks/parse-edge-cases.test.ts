import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {countSteps} from '../../source/runbooks/runbook-walk';

describe('parseRunbook on hostile input', () => {
  it('gives an empty model for an empty file', () => {
    const runbook = parseRunbook('', 'empty.md');
    expect(runbook).toMatchObject({id: 'empty', title: 'empty', incidents: [], triggers: []});
  });

  it('survives binary junk and says the file is not UTF-8', () => {
    const runbook = parseRunbook(
      Uint8Array.from([0xff, 0xfe, 0x00, 0x80, 0x1b, 0x5b, 0x32, 0x4a, 0xc3]),
      'junk.md',
    );
    expect(runbook.warnings[0]).toMatchObject({
      line: 0,
      message: expect.stringMatching(/not valid UTF-8/),
    });
  });

  it('warns (not an error) about front matter it cannot read, with its line, and reads the body', () => {
    const runbook = parseRunbook(
      '---\nid: [unclosed\ntitle: x\n---\n# Body\n\n- step one\n',
      'bad.md',
    );
    expect(runbook.warnings.some((warning) => warning.level === 'error')).toBe(false);
    expect(
      runbook.warnings.some(
        (warning) =>
          warning.level === 'warning' &&
          warning.line >= 1 &&
          /front matter could not be read .*; the runbook is read without it/.test(warning.message),
      ),
    ).toBe(true);
    expect(runbook.incidents[0]).toMatchObject({title: 'Body'});
    expect(countSteps(runbook)).toBe(1);
  });

  it('rejects front matter fields of the wrong type', () => {
    const runbook = parseRunbook('---\nid: {a: 1}\ntriggers: 5\n---\n- a\n', 'types.md');
    expect(runbook.warnings.filter((warning) => warning.level === 'error')).toHaveLength(2);
    expect(runbook.id).toBe('types');
  });

  it('bounds lists nested 10,000 deep', () => {
    const deep = `${'- '.repeat(10_000)}bottom\n`;
    const runbook = parseRunbook(deep, 'deep.md');
    expect(runbook.warnings.some((warning) => /nested too deeply/.test(warning.message))).toBe(
      true,
    );
    expect(countSteps(runbook)).toBeGreaterThan(0);
    const quotes = parseRunbook(`${'>'.repeat(10_000)} quoted\n- step\n`, 'quotes.md');
    expect(countSteps(quotes)).toBe(1);
  });

  it('bounds 10,000 lines each nested one level deeper', () => {
    const lines = Array.from(
      {length: 10_000},
      (_, index) => `${'  '.repeat(Math.min(index, 40))}- item ${index}`,
    );
    const runbook = parseRunbook(lines.join('\n'), 'staircase.md');
    expect(countSteps(runbook)).toBeGreaterThan(0);
    expect(runbook.warnings.length).toBeGreaterThan(0);
  });

  it('reads the first MiB of a 5 MB runbook and says where it stopped', {timeout: 180_000}, () => {
    const section = (index: number) =>
      `## Incident ${index}\n\n**Detection:**\n- alert fired\n\n**Response Steps:**\n1. Check:\n   \`\`\`sql\n   SELECT ${index};\n   \`\`\`\n2. Fix it\n\n`;
    let text = '# Big\n\n';
    let count = 0;
    while (text.length < 5 * 1024 * 1024) text += section(count++);
    const runbook = parseRunbook(text, 'big.md');
    const cut = runbook.warnings.find((warning) => /longer than 1 MiB/.test(warning.message))!;
    expect(cut.line).toBeGreaterThan(30_000);
    // About 120 characters a section: some 8,600 sections fit in the first MiB.
    expect(runbook.incidents.length).toBeGreaterThan(8000);
    expect(runbook.incidents.length).toBeLessThan(count);
    expect(runbook.incidents[100]!.phases[1]!.steps[0]!.code[0]!.text).toBe('SELECT 100;');
  });

  it('keeps line numbers across the pieces a large file is parsed in', () => {
    const filler = Array.from({length: 2000}, (_, index) => `Paragraph ${index}.\n`).join('\n');
    const runbook = parseRunbook(`# A\n\n${filler}\n## Late\n\n- the step\n`, 'lines.md');
    const late = runbook.incidents.find((incident) => incident.title === 'Late')!;
    expect(late.line).toBe(4003);
    expect(late.phases[0]!.steps[0]!.line).toBe(4005);
  });

  it('parses random bytes without throwing', () => {
    for (let round = 0; round < 20; round += 1) {
      const runbook = parseRunbook(randomBytes(4096), 'random.md');
      expect(Array.isArray(runbook.incidents)).toBe(true);
    }
  });

  it('reads checklists and our own format with phase headings', () => {
    const runbook = parseRunbook(
      "---\nid: x\ntitle: X\nseverity: P1\ntriggers: [dlq-growth]\nplaceholders:\n  id: the row id\n---\n# X\n\n## Detect\n\n- [ ] look\n- [x] looked\n  ```sql\n  SELECT * FROM t WHERE id = '[id]';\n  ```\n\n## Follow-up\n\n- write it down\n",
      'x.md',
    );
    expect(runbook).toMatchObject({id: 'x', title: 'X', severity: 'P1', triggers: ['dlq-growth']});
    const [detect, followUp] = runbook.incidents[0]!.phases;
    expect(detect).toMatchObject({
      kind: 'detect',
      steps: [
        {text: 'look', checked: false},
        {text: 'looked', checked: true},
      ],
    });
    expect(detect!.steps[1]!.code[0]!.placeholders).toEqual([
      {token: '[id]', name: 'id', kind: 'bracket', description: 'the row id'},
    ]);
    expect(followUp!.kind).toBe('follow-up');
  });
});
