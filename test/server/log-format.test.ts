import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logging/create-logger.ts';
import { prettyLine } from '../../server/logging/pretty-line.ts';
import { READY_PREFIX, type ReadyFields } from '../../server/logging/ready-banner.ts';
import { duplicateKeys } from '../support/duplicate-keys.ts';

const ready: ReadyFields = {
  url: 'http://127.0.0.1:8080',
  profile: 'dev',
  adminToken: 'in .data/admin-token (the publisher CLI finds it there; other clients send "authorization: Bearer <its content>")',
  chains: [
    { name: 'bsv', network: 'regtest' },
    { name: 'arweave', network: 'devnet' },
  ],
  logVerifierKey: 'dev.chain-publisher.localhost/0123456789abcdef+01234567+AY6wN4SAlE6yqLe5TpZg5QOL94PM30vRU5b/m6+GcVc1',
};

/** A stream that keeps what is written, a terminal or not. */
function capture(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, out: { isTTY, write: (text: string) => lines.push(text) > 0 } };
}

describe('the start-up banner (pretty format)', () => {
  it('shows the URL, the chains and their networks, where the admin token is, and the log verifier key, keeping the ready line', () => {
    const banner = prettyLine({ level: 30, time: Date.now(), msg: `${READY_PREFIX}${ready.url}`, ...ready });
    expect(banner).toContain('chain publisher ready at http://127.0.0.1:8080  (dev profile)');
    expect(/chain publisher ready at (http:\/\/[^"\s]+)/.exec(banner)?.[1]).toBe(ready.url);
    expect(banner).toMatch(/chains\s+bsv \(regtest\), arweave \(devnet\)/);
    expect(banner).toMatch(/admin token\s+in \.data\/admin-token/);
    expect(banner).toMatch(/log key\s+dev\.chain-publisher\.localhost\/0123456789abcdef\+01234567\+AY6wN4/);
    expect(banner).toMatch(/stop\s+Ctrl-C/);
    expect(banner).not.toContain('{');
  });
});

describe('pretty log lines', () => {
  const time = new Date(2026, 0, 2, 13, 4, 5).getTime();

  it('give the time, the speaking part once, the message and the other fields as key=value; info has no level word', () => {
    const line = prettyLine({ level: 30, time, pid: 1, hostname: 'h', component: 'bsv-devnet', module: 'bsv-devnet', url: 'http://127.0.0.1:1', height: 1, msg: 'bsv-devnet: ready' });
    expect(line).toBe('13:04:05 [bsv-devnet] bsv-devnet: ready  url=http://127.0.0.1:1 height=1\n');
  });

  it('name warnings and errors, quote values with spaces, and show an error by its message', () => {
    const warn = prettyLine({ level: 40, time, chain: 'bsv', reason: 'terminating connection', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' }, msg: 'lost' });
    expect(warn).toBe('13:04:05 WARN  [bsv] lost  reason="terminating connection" error=boom\n');
  });

  it('add the stack at error level only, indented under the line', () => {
    const error = prettyLine({ level: 50, time, err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' }, msg: 'step failed' });
    expect(error).toBe('13:04:05 ERROR step failed  error=boom\n    Error: boom\n        at x\n');
  });
});

describe('createLogger', () => {
  it('writes lines for a person on a terminal, JSON lines elsewhere, and JSON whenever asked', () => {
    const terminal = capture(true);
    createLogger({ level: 'info', format: 'auto', out: terminal.out }).child({ chain: 'bsv' }).info({ txid: 'ab' }, 'batch signed');
    expect(terminal.lines).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d \[bsv\] batch signed {2}txid=ab\n$/)]);

    const pipe = capture(false);
    createLogger({ level: 'info', format: 'auto', out: pipe.out }).child({ chain: 'bsv' }).info({ txid: 'ab' }, 'batch signed');
    expect(JSON.parse(pipe.lines[0]!)).toMatchObject({ level: 30, chain: 'bsv', txid: 'ab', msg: 'batch signed' });
    expect(duplicateKeys(pipe.lines[0]!)).toEqual([]);

    const asked = capture(true);
    createLogger({ level: 'info', format: 'json', out: asked.out }).info('hello');
    expect(JSON.parse(asked.lines[0]!)).toMatchObject({ msg: 'hello' });

    const forced = capture(false);
    createLogger({ level: 'info', format: 'pretty', out: forced.out }).info('hello');
    expect(forced.lines[0]).toMatch(/^\d\d:\d\d:\d\d hello\n$/);
  });
});

describe('duplicateKeys (the check the process tests apply to every log line)', () => {
  it('finds a key repeated in one object, not the same key in nested or sibling objects', () => {
    expect(duplicateKeys('{"chain":"bsv","chain":"bsv","msg":"x"}')).toEqual(['chain']);
    expect(duplicateKeys('{"chain":"bsv","err":{"chain":"a"},"list":[{"a":1},{"a":2}],"s":"\\"chain\\":"}')).toEqual([]);
  });
});
