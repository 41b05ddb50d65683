import { generateKeyPairSync } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/index.ts';
import { startChains } from '../../server/chains/registry.ts';

describe('publisher.example.yaml', () => {
  it('is a valid configuration whose every key is read (nothing misspelled, nothing unknown)', async () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://publisher@db/publisher',
        PUBLISHER_ADMIN_TOKEN: 'an-admin-token-of-sixteen+',
        PUBLISHER_LOG_KEY: '22'.repeat(32),
        PUBLISHER_BSV_FUNDING_KEY: '33'.repeat(32),
        // The example names chains.bsv.callbackUrl, which needs its token (a secret, from the environment).
        PUBLISHER_BSV_CALLBACK_TOKEN: 'an-arc-callback-token-0123',
        PUBLISHER_ARWEAVE_WALLET: JSON.stringify(generateKeyPairSync('rsa', { modulusLength: 4096, publicExponent: 65537 }).privateKey.export({ format: 'jwk' })),
      },
      'publisher.example.yaml',
    );
    expect(config).toMatchObject({ profile: 'production', port: 8080, chains: ['bsv', 'arweave'], network: 'mainnet' });
    // Building the chains reads their sections; constructing adapters touches no network.
    const chains = await startChains({ config, log: pino({ level: 'silent' }), role: 'server' });
    expect([...chains.keys()]).toEqual(['bsv', 'arweave']);
    expect(config.settings.unread()).toEqual([]);
  });
});
