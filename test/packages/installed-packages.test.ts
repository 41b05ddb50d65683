import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages, packPackages } from '../../packages/build/pack.ts';

/**
 * Issue 23, item 5: the packages as a stranger gets them. Every package is built and packed, the
 * tarballs installed with npm into a new project outside the repository (no workspace links), and
 * everything below runs from that project's node_modules: the node from its bin, the SDK from Node
 * and from a page bundled by esbuild in Chromium, the CLI, and the example plugin through the kit.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env['PUBLISHER_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Hang guards, not speed limits: an npm install may take minutes on a busy machine. */
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const CASE_TIMEOUT_MS = 10 * 60_000;
const PACKAGES = ['sdk', 'api', 'plugin-kit', 'bsv', 'arweave', 'node'] as const;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user of the project: none of the repository's settings, no shared database. */
function strangerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PUBLISHER_') && name !== 'DATABASE_URL' && !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  return { ...env, ...extra };
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = strangerEnv()): Promise<Run> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** `publisher-node start` from the installed bin on the dev profile's embedded stack; resolves with its URL. */
async function startInstalledNode(project: string): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  const child = spawn(join(project, 'node_modules', '.bin', 'publisher-node'), ['start'], {
    cwd: project,
    env: strangerEnv({ PUBLISHER_DATA_DIR: join(project, 'data'), PUBLISHER_PORT: '0', PUBLISHER_LOG_FORMAT: 'json' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  const lines: string[] = [];
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the installed node is not ready after 5 minutes:\n${lines.join('\n')}`)), 300_000);
    const read = (chunk: Buffer) => {
      lines.push(...chunk.toString('utf8').split('\n'));
      const match = /chain publisher ready at (http:\/\/[^"\s]+)/.exec(lines.join('\n'));
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the installed node exited with ${String(code)} before it was ready:\n${lines.join('\n')}`));
    });
  });
  return { child, url, exited };
}

/** The publish-and-verify flow of a user of the SDK, shared by the Node script and the page. */
const FLOW = `import { buildIntent, createPublisherClient, generateKey, PublicationStatus, signIntent, verifyProof } from '@chain-publisher/sdk';

export async function publishAndVerify(baseUrl, body) {
  const key = await generateKey('secp256k1');
  const intent = await signIntent(buildIntent({ record: { type: 'post', body }, targets: ['bsv'], signer: key }), key);
  const client = createPublisherClient({ baseUrl });
  const { recordId } = await client.publish(intent);
  const deadline = Date.now() + 240000;
  for (;;) {
    const statuses = (await client.getRecord(recordId)).publications.map((publication) => publication.status);
    if (statuses.length > 0 && statuses.every((status) => status === PublicationStatus.CONFIRMED)) break;
    if (statuses.includes(PublicationStatus.FAILED) || Date.now() > deadline) throw new Error('record ' + recordId + ': ' + statuses.join(', '));
    await new Promise((done) => setTimeout(done, 500));
  }
  const { proof } = await client.getProof(recordId);
  const report = await verifyProof(proof);
  return { recordId, publicKey: key.publicKey, proof, ok: report.ok, failed: report.checks.filter((check) => !check.ok) };
}
`;

const NODE_SCRIPT = `import { writeFile } from 'node:fs/promises';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { createPublisherClient } from '@chain-publisher/sdk';
import { publishAndVerify } from './flow.js';

const baseUrl = process.argv[2];
const result = await publishAndVerify(baseUrl, 'from the installed SDK, in Node');
await writeFile('proof.json', JSON.stringify(result.proof));
// The same record over gRPC (HTTP/2), the transport Node adds.
const overGrpc = createPublisherClient({ baseUrl, transport: createGrpcTransport({ baseUrl }) });
const record = await overGrpc.getRecord(result.recordId);
console.log(JSON.stringify({ recordId: result.recordId, ok: result.ok, failed: result.failed, grpcRecordId: record.recordId }));
`;

const PAGE_SCRIPT = `import { publishAndVerify } from './flow.js';
import { verifyProof } from '@chain-publisher/sdk/verify';

window.publishAndVerify = async (baseUrl) => {
  const result = await publishAndVerify(baseUrl, 'from the installed SDK, in a browser');
  const again = await verifyProof(result.proof);
  return { recordId: result.recordId, publicKey: result.publicKey, ok: result.ok, failed: result.failed, verifyEntryOk: again.ok };
};
`;

const KIT_TEST = `import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { nodeConformance, pluginConformance } from '@chain-publisher/plugin-kit/testing';
import filelog from './filelog-plugin/index.js';

pluginConformance(filelog, {
  outage: async (chain) => {
    await rm(chain.dataDir, { recursive: true, force: true });
    await writeFile(chain.dataDir, 'not a folder');
  },
});
nodeConformance({ plugin: filelog, module: fileURLToPath(new URL('./filelog-plugin/index.js', import.meta.url)), records: 1 });
`;

/** A TypeScript user of every package's entries; one line is wrong on purpose, to show the types are real. */
const TYPED_USE = `import { buildIntent, createPublisherClient, generateKey, signIntent, type PublisherClient } from '@chain-publisher/sdk';
import { verifyProof, type ProofReport } from '@chain-publisher/sdk/verify';
import type { ChainPlugin } from '@chain-publisher/plugin-kit';
import type { ChainAdapter } from '@chain-publisher/plugin-kit/adapter';
import { pluginConformance } from '@chain-publisher/plugin-kit/testing';
import bsv from '@chain-publisher/bsv';
import arweave from '@chain-publisher/arweave';
import { bsvVerifier } from '@chain-publisher/bsv/verifier';
import { PublishService } from '@chain-publisher/api/publisher/v1/publish_pb';

const key = await generateKey('secp256k1');
const client: PublisherClient = createPublisherClient({ baseUrl: 'http://127.0.0.1:8080' });
const plugins: ChainPlugin[] = [bsv, arweave];
const report: Promise<ProofReport> = verifyProof('{}');
const wrong: ProofReport = verifyProof('{}');
export type Adapter = ChainAdapter;
export { key, client, plugins, report, wrong, buildIntent, signIntent, pluginConformance, bsvVerifier, PublishService };
`;

/** Relative module specifiers in a built file: static and dynamic imports, re-exports, and new URL(…, import.meta.url). */
function relativeSpecifiers(text: string): string[] {
  const patterns = [/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']*)["']/g, /new URL\(\s*["'](\.{1,2}\/[^"']*)["']\s*,\s*import\.meta\.url/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

// Nothing here uses the suite's database server (the installed node brings its embedded PostgreSQL),
// so the suite's second pass, on DATABASE_URL (.ci/run), would repeat these minutes unchanged.
describe.skipIf(process.env['DATABASE_URL'] !== undefined)('the packages installed from their tarballs in a project outside the repository', () => {
  let project: string;
  let tarballs: string;
  let node: Awaited<ReturnType<typeof startInstalledNode>> | undefined;
  let browser: Browser | undefined;
  let server: Server | undefined;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set PUBLISHER_CHROMIUM)`);
    tarballs = await mkdtemp(join(tmpdir(), 'chain-publisher-tarballs-'));
    buildPackages({ docs: false });
    const packed = packPackages(tarballs);
    expect(packed.map((file) => file.replace(/^.*\/chain-publisher-(.+)-0\.1\.0\.tgz$/, '$1')).sort()).toEqual([...PACKAGES].sort());
    project = await mkdtemp(join(tmpdir(), 'chain-publisher-installed-'));
    // Run as root, the embedded PostgreSQL runs as an unprivileged user and must reach its data under here.
    await chmod(project, 0o711);
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; allowScripts: unknown; overrides: unknown };
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'a-stranger',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(packed.map((file) => [`@chain-publisher/${file.replace(/^.*\/chain-publisher-(.+)-0\.1\.0\.tgz$/, '$1')}`, `file:${file}`])),
        // The test runner and compiler a plugin author or TypeScript user brings, and Node's gRPC transport.
        devDependencies: Object.fromEntries(['vitest', 'typescript', '@types/node', '@connectrpc/connect-node'].map((name) => [name, manifest.devDependencies[name] ?? manifest.dependencies[name]])),
        // What the packages' READMEs tell a user to add: install scripts to allow (native addons,
        // the embedded PostgreSQL's links), and avsc for arlocal's arbundles 0.6 (its own is a git URL).
        allowScripts: manifest.allowScripts,
        overrides: manifest.overrides,
      }, null, 2),
    );
    const install = await run('npm', ['install', '--no-audit', '--no-fund'], project, strangerEnv());
    if (install.code !== 0) throw new Error(`npm install of the tarballs failed (${String(install.code)}):\n${install.stdout}\n${install.stderr}`);
    node = await startInstalledNode(project);
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    if (node?.child.exitCode === null) node.child.kill('SIGTERM');
    await Promise.all([node?.exited, browser?.close(), new Promise((done) => (server ? server.close(done) : done(undefined)))]);
    if (project) await rm(project, { recursive: true, force: true });
    if (tarballs) await rm(tarballs, { recursive: true, force: true });
  }, 120_000);

  it('installs every package as built JavaScript and declarations that import nothing outside themselves, without tsx', async () => {
    expect(existsSync(join(project, 'node_modules', 'tsx'))).toBe(false);
    for (const name of PACKAGES) {
      const dir = join(project, 'node_modules', '@chain-publisher', name);
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies']) expect(Object.keys(manifest[field] ?? {}), `${name} ${field}`).not.toContain('tsx');
      const files = (await filesUnder(dir)).filter((file) => !relative(dir, file).includes('node_modules'));
      expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')), `${name}: TypeScript sources`).toEqual([]);
      for (const file of files.filter((f) => ['.js', '.mjs', '.ts'].includes(extname(f)))) {
        const text = await readFile(file, 'utf8');
        expect(text, file).not.toMatch(/["']tsx(\/[^"']*)?["']/);
        for (const specifier of relativeSpecifiers(text)) {
          const target = relative(dir, resolve(dirname(file), specifier));
          expect(target.startsWith('..') || isAbsolute(target), `${relative(project, file)} imports ${specifier}, outside @chain-publisher/${name}`).toBe(false);
        }
      }
    }
  });

  it('gives TypeScript users declarations for every entry (strict tsc, declarations checked too)', async () => {
    await writeFile(join(project, 'typed-use.ts'), TYPED_USE);
    const config = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], lib: ['ES2023', 'DOM'] }, files: ['typed-use.ts'] };
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(config));
    const tsc = await run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], project);
    // Exactly the one wrong line: a Promise is not a ProofReport.
    expect(tsc.stdout.trim().split('\n'), tsc.stdout).toEqual([expect.stringMatching(/^typed-use\.ts\(15,7\): error TS\d+: Type 'Promise<ProofReport>' is missing/)]);
  }, CASE_TIMEOUT_MS);

  it('imports the SDK in Node, publishes to the installed node and verifies the proof', async () => {
    await writeFile(join(project, 'flow.js'), FLOW);
    await writeFile(join(project, 'sdk-node.js'), NODE_SCRIPT);
    const result = await run(process.execPath, ['sdk-node.js', node!.url], project);
    expect(result.code, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout) as { recordId: string; ok: boolean; failed: unknown[]; grpcRecordId: string };
    expect(outcome).toMatchObject({ ok: true, failed: [], grpcRecordId: outcome.recordId });
    expect(outcome.recordId).toMatch(/^[0-9a-f]{64}$/);
  }, CASE_TIMEOUT_MS);

  it('serves the page and the admin page the node package bundled when it was built', async () => {
    for (const [path, type] of [['/', 'text/html'], ['/app.js', 'text/javascript'], ['/app.css', 'text/css'], ['/admin', 'text/html'], ['/admin.js', 'text/javascript']] as const) {
      const response = await fetch(`${node!.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain(type);
      expect((await response.text()).length, path).toBeGreaterThan(100);
    }
  }, CASE_TIMEOUT_MS);

  it('runs publisher --help and publisher verify on that proof from the installed bin', async () => {
    const bin = join(project, 'node_modules', '.bin', 'publisher');
    const help = await run(bin, ['--help'], project);
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toMatch(/^usage: publisher <command>/);
    expect(existsSync(join(project, 'proof.json')), 'the proof the previous case wrote').toBe(true);
    const verified = await run(bin, ['verify', 'proof.json'], project);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('verifies offline');
    expect(verified.stdout).toContain('bsv.merkle-root');
  }, CASE_TIMEOUT_MS);

  it('bundles a page with esbuild from the installed SDK; in Chromium it creates a key, publishes and verifies the proof', async () => {
    await writeFile(join(project, 'flow.js'), FLOW);
    await writeFile(join(project, 'page.js'), PAGE_SCRIPT);
    const www = join(project, 'www');
    await mkdir(www, { recursive: true });
    const bundle = await build({ absWorkingDir: project, entryPoints: ['page.js'], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, outfile: join(www, 'page.js'), metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('..') || isAbsolute(input))).toEqual([]);
    expect(inputs.some((input) => input.startsWith('node_modules/@chain-publisher/sdk/dist/'))).toBe(true);
    await writeFile(join(www, 'index.html'), '<!doctype html><title>stranger</title><script type="module" src="page.js"></script>');
    server = createServer((request, response) => {
      const name = request.url === '/' ? 'index.html' : (request.url ?? '').slice(1);
      readFile(join(www, name)).then(
        (body) => response.writeHead(200, { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${address.port}/`);
    // Run in the page, where globalThis is its window and page.js set publishAndVerify on it.
    await page.waitForFunction(() => typeof (globalThis as { publishAndVerify?: unknown }).publishAndVerify === 'function');
    const outcome = await page.evaluate((url) => (globalThis as unknown as { publishAndVerify(url: string): Promise<unknown> }).publishAndVerify(url), node!.url);
    expect(outcome).toMatchObject({ ok: true, failed: [], verifyEntryOk: true, recordId: expect.stringMatching(/^[0-9a-f]{64}$/), publicKey: expect.stringMatching(/^0[23][0-9a-f]{64}$/) });
    expect(errors).toEqual([]);
  }, CASE_TIMEOUT_MS);

  it('loads the example plugin (examples/filelog-plugin) through the kit: its conformance suite and a real installed node with it pass', async () => {
    // As its author would publish it: the plugin compiled to JavaScript (its imports of the kit are types only).
    await cp(join(root, 'examples', 'filelog-plugin'), join(project, 'filelog-src'), { recursive: true, filter: (source) => !source.includes('/test') });
    await build({ absWorkingDir: project, entryPoints: ['filelog-src/index.ts'], bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', outfile: join(project, 'filelog-plugin', 'index.js'), logLevel: 'silent' });
    await writeFile(join(project, 'filelog.test.js'), KIT_TEST);
    const result = await run(join(project, 'node_modules', '.bin', 'vitest'), ['run', 'filelog.test.js', '--reporter', 'verbose', '--testTimeout', '600000', '--hookTimeout', '600000'], project);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const report = result.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(report).toMatch(/node conformance: filelog > a node with the plugin publishes records/);
    expect(report).toMatch(/Tests\s+\d+ passed \(\d+\)/);
  }, CASE_TIMEOUT_MS * 1.5);
});
