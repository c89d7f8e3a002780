import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {collectSecrets} from '../../source/secrets/collect-secrets';
import {createCockpitHome} from '../helpers/cockpit-home';

const home = await createCockpitHome();

describe('collectSecrets', () => {
  it('gathers every password, key and configured header value the process can know', async () => {
    const pgpass = join(home, 'pgpass');
    writeFileSync(
      pgpass,
      '# comment\ndb.internal:5432:*:app:pg-pass-one\n*:*:*:ops:with\\:colon\\\\and-slash\n',
    );
    const config = join(home, 'cockpit.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        database: {url: 'postgres://app:config-url-pw@db.internal/app'},
        supabase: {url: 'https://x.supabase.co', serviceRoleKey: 'service-role-from-config'},
        panes: {
          campaigns: {
            stopEndpoint: {
              url: 'https://api.example.com/campaigns/:id/stop',
              headers: {Authorization: 'Bearer stop-token-from-config', 'X-Api-Key': 'k-12345'},
            },
          },
        },
      }),
    );
    const secrets = await collectSecrets({
      environment: {
        PGPASSFILE: pgpass,
        PGPASSWORD: 'env-pgpassword',
        DATABASE_URL: 'postgres://u:env-url-pw@h/d',
        SUPABASE_SERVICE_ROLE_KEY: 'env-service-role',
        HOME: home,
      },
      connectionStrings: ['postgres://u:flag%40pw@h/d'],
      configPath: config,
    });
    expect(secrets).toEqual(
      expect.arrayContaining([
        'pg-pass-one',
        'with:colon\\and-slash',
        'env-pgpassword',
        'env-url-pw',
        'env-service-role',
        'flag@pw',
        'config-url-pw',
        'service-role-from-config',
        'Bearer stop-token-from-config',
        'stop-token-from-config',
        'k-12345',
      ]),
    );
  });

  it('takes the secrets of a configuration already loaded without reading a file', async () => {
    const secrets = await collectSecrets({
      environment: {HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent'},
      config: {
        database: {url: 'postgres://u:loaded-url-pw@h/d'},
        supabase: {serviceRoleKey: 'loaded-service-role'},
      },
      configPath: '/nonexistent/cockpit.config.json',
    });
    expect(secrets).toEqual(expect.arrayContaining(['loaded-url-pw', 'loaded-service-role']));
  });
});
