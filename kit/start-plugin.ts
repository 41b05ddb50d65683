import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { ChainAdapter } from '../core/adapter/index.ts';
import type { ChainPlugin, OperatorKey, SettingValue, SettingValues } from '../core/plugin/index.ts';

export interface StartPluginOptions {
  /** Values for the plugin's declared settings; the others take their declared defaults. */
  readonly settings?: Readonly<Record<string, SettingValue>>;
  readonly secrets?: Readonly<Record<string, string>>;
  /** The operator's Ed25519 key as the node hands it over; a fresh one by default. */
  readonly operatorKey?: OperatorKey;
  /** Most records per batch, as the node's `chains.<name>.batch.size` would give it. */
  readonly batchSize?: number;
}

export interface StartedPlugin {
  readonly adapter: ChainAdapter;
  readonly settings: SettingValues;
  /** The chain's data directory, a fresh temporary one. */
  readonly dataDir: string;
  /** Where the plugin's devnet listens, when it has one and the settings want it. */
  readonly devnet: Readonly<Record<string, string>> | undefined;
  /** Stops the devnet alone (an outage, for a test); nothing when there is none. */
  stopDevnet(): Promise<void>;
  /** Stops the chain and its devnet, and removes the data directory. */
  stop(): Promise<void>;
}

/**
 * Starts a plugin as the node's dev profile does, for a test: declared defaults plus the given
 * settings (an undeclared one is a mistake in the test), dev secrets generated where the plugin
 * declares how, a fresh data directory, its devnet when it has one that the settings want, then
 * `start`.
 */
export async function startPlugin(plugin: ChainPlugin, options: StartPluginOptions = {}): Promise<StartedPlugin> {
  const declared = new Map(plugin.settings.map((setting) => [setting.key, setting]));
  const unknown = Object.keys(options.settings ?? {}).filter((key) => !declared.has(key));
  if (unknown.length > 0) throw new Error(`${plugin.name}: the test gives settings the plugin does not declare: ${unknown.join(', ')}`);
  const settings: SettingValues = {
    ...Object.fromEntries(plugin.settings.flatMap((setting) => (setting.default === undefined ? [] : [[setting.key, setting.default]]))),
    ...options.settings,
  };
  // As the dev profile does: a secret the test does not give is generated when the plugin says how.
  const secrets: Record<string, string> = { ...options.secrets };
  for (const setting of plugin.settings) {
    if (setting.type === 'string' && setting.secret && secrets[setting.key] === undefined && setting.devSecret) secrets[setting.key] = setting.devSecret.generate();
  }
  const dataDir = await mkdtemp(join(tmpdir(), `${plugin.name}-plugin-`));
  const log = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }).child({ chain: plugin.name });
  const base = { settings, secrets, profile: 'dev' as const, log, dataDir };
  const devnet = plugin.devnet?.wanted(settings) ? await plugin.devnet.start(base) : undefined;
  let devnetStopped: Promise<void> | undefined;
  const stopDevnet = () => (devnetStopped ??= devnet?.stop() ?? Promise.resolve());
  try {
    const started = await plugin.start({ ...base, batchSize: options.batchSize ?? 25, operatorKey: options.operatorKey ?? testOperatorKey(), ...(devnet === undefined ? {} : { devnet: devnet.endpoints }) });
    return {
      adapter: started.adapter,
      settings,
      dataDir,
      devnet: devnet?.endpoints,
      stopDevnet,
      async stop() {
        await started.stop();
        await stopDevnet();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopDevnet();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** A fresh Ed25519 operator key, as a node gives its log key to its plugins, under a test origin. */
export function testOperatorKey(): OperatorKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const name = 'test.chain-publisher.invalid/kit';
  const typed = Buffer.concat([Buffer.of(0x01), raw]);
  const keyId = createHash('sha256').update(name).update(Buffer.of(0x0a)).update(typed).digest().subarray(0, 4).toString('hex');
  return { publicKey: Uint8Array.from(raw), verifierKey: `${name}+${keyId}+${typed.toString('base64')}`, sign: (message) => sign(null, message, privateKey) };
}
