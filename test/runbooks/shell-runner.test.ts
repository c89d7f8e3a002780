import {describe, expect, it} from 'vitest';
import {findPlaceholders} from '../../source/runbooks/placeholders';
import {bindShellPlaceholders} from '../../source/runbooks/shell-placeholders';
import {runShellCommand} from '../../source/runbooks/shell-runner';
import {waitFor} from '../helpers/database';

describe('runShellCommand', () => {
  it('captures output and the exit code, sanitised', async () => {
    const outcome = await runShellCommand("printf 'ok\\033[31m red\\n'; echo oops >&2; exit 3");
    expect(outcome).toMatchObject({
      exitCode: 3,
      timedOut: false,
      stdout: 'ok␛[31m red\n',
      stderr: 'oops\n',
      omittedBytes: 0,
    });
  });

  it('bounds the captured output', async () => {
    const outcome = await runShellCommand('head -c 100000 /dev/zero | tr "\\0" x', {
      maxOutputBytes: 1000,
    });
    expect(outcome.stdout).toHaveLength(1000);
    expect(outcome.omittedBytes).toBe(99_000);
  });

  it('kills the whole process group on timeout', async () => {
    const marker = `cockpit-sleep-${process.pid}-${Date.now()}`;
    const outcome = await runShellCommand(`sh -c 'exec -a ${marker} sleep 30' & sleep 30`, {
      timeoutMs: 300,
    });
    expect(outcome.timedOut).toBe(true);
    const {execSync} = await import('node:child_process');
    await waitFor(() => !execSync('ps -eo args').toString().includes(marker), {
      what: 'the grandchild to end',
    });
  });

  it('passes placeholder values as environment variables, never as shell text', async () => {
    const command = "printf '%s|%s' \"[name]\" '[name]'";
    const bound = bindShellPlaceholders(command, findPlaceholders(command, 'bash'), {
      name: '$(touch /tmp/pwned); `id` \'"',
    });
    if ('error' in bound) throw new Error(bound.error);
    const outcome = await runShellCommand(bound.command, {environment: bound.environment});
    expect(outcome.stdout).toBe('$(touch /tmp/pwned); `id` \'"|$(touch /tmp/pwned); `id` \'"');
  });

  it('removes known secrets from the output', async () => {
    const outcome = await runShellCommand('echo token=abc123secret', {secrets: ['abc123secret']});
    expect(outcome.stdout).not.toContain('abc123secret');
  });
});
