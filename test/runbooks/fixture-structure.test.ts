// Every runbook under test/fixtures/runbooks/ against the structure a person reading it sees,
// written next to it in NAME.expected.json: incidents, their phases (title, kind, number of
// steps), all steps with sub-steps, and the languages of the code blocks in reading order.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import type {Runbook} from '../../source/runbooks/runbook-model';
import {allSteps, countSteps} from '../../source/runbooks/runbook-walk';

type ExpectedStructure = {
  title?: string;
  incidents: Array<{
    title: string;
    phases: Array<{title: string; kind: string | null; steps: number}>;
  }>;
  steps: number;
  codeBlocks: string[];
};

const folder = path.resolve(import.meta.dirname, '../fixtures/runbooks');
const names = readdirSync(folder)
  .filter((name) => name.endsWith('.md'))
  .sort();

function structureOf(runbook: Runbook): ExpectedStructure {
  return {
    incidents: runbook.incidents.map((incident) => ({
      title: incident.title,
      phases: incident.phases.map((phase) => ({
        title: phase.title,
        kind: phase.kind ?? null,
        steps: phase.steps.length,
      })),
    })),
    steps: countSteps(runbook),
    codeBlocks: [...allSteps(runbook)].flatMap(({step}) => step.code.map((code) => code.lang)),
  };
}

const rows: string[] = [];
const totals = {incidents: [0, 0], steps: [0, 0], code: [0, 0]};

describe('fixture runbooks parse into the structure a person sees', () => {
  it('has fixtures, each with its expected structure', () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const name of names)
      expect(readdirSync(folder)).toContain(name.replace(/\.md$/, '.expected.json'));
  });

  for (const name of names) {
    it(name, () => {
      const expected = JSON.parse(
        readFileSync(path.join(folder, name.replace(/\.md$/, '.expected.json')), 'utf8'),
      ) as ExpectedStructure;
      const runbook = parseRunbook(readFileSync(path.join(folder, name)), name);
      const found = structureOf(runbook);
      totals.incidents[0]! += found.incidents.length;
      totals.incidents[1]! += expected.incidents.length;
      totals.steps[0]! += found.steps;
      totals.steps[1]! += expected.steps;
      totals.code[0]! += found.codeBlocks.length;
      totals.code[1]! += expected.codeBlocks.length;
      rows.push(
        `${name.padEnd(34)} incidents ${found.incidents.length}/${expected.incidents.length}  steps ${found.steps}/${expected.steps}  code ${found.codeBlocks.length}/${expected.codeBlocks.length}`,
      );
      if (expected.title !== undefined) expect(runbook.title).toBe(expected.title);
      expect(found).toEqual({
        incidents: expected.incidents,
        steps: expected.steps,
        codeBlocks: expected.codeBlocks,
      });
    });
  }

  afterAll(() => {
    const total = (pair: number[]) => `${pair[0]}/${pair[1]}`;
    console.log(
      `found/expected per fixture:\n${rows.join('\n')}\n${'total'.padEnd(34)} incidents ${total(totals.incidents)}  steps ${total(totals.steps)}  code ${total(totals.code)}`,
    );
  });
});
