import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll} from 'vitest';

/** A fresh `$COCKPIT_HOME` for one test file, removed after its last test. */
export async function createCockpitHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'cockpit-home-'));
  afterAll(async () => {
    await rm(home, {recursive: true, force: true});
  });
  return home;
}

/** The environment a child `cockpit` needs: no CI (Ink), this home, nothing secret by accident. */
export function childEnvironment(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {...process.env, COCKPIT_HOME: home, ...extra};
  delete environment.CI;
  delete environment.DATABASE_URL;
  return environment;
}
