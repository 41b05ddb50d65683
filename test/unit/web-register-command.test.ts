import { describe, expect, it } from 'vitest';
import { registerCommand as words } from '../../web/register-command.ts';

const registerCommand = (...args: Parameters<typeof words>): string => words(...args).join(' ');

const secp = { scheme: 'secp256k1', publicKey: `02${'ab'.repeat(32)}` };

describe("the web page's registration command", () => {
  it('names no --node when the page is where the CLI looks by default', () => {
    expect(registerCommand(secp, 'http://127.0.0.1:8080/', 'web-page')).toBe(`npx publisher keys register --public-key ${secp.publicKey} --label web-page`);
    expect(registerCommand(secp, 'http://localhost:8080/', 'web-page')).not.toContain('--node');
  });

  it('names the node elsewhere, without the trailing slash, and the scheme of an RSA key', () => {
    const rsa = { scheme: 'arweave-rsa-pss', publicKey: 'x-_Y'.repeat(10) };
    expect(registerCommand(rsa, 'https://publisher.example/node/', 'web-page')).toBe(
      `npx publisher keys register --public-key ${rsa.publicKey} --scheme arweave-rsa-pss --label web-page --node https://publisher.example/node`,
    );
  });

  it('quotes what a shell would not take literally', () => {
    expect(registerCommand(secp, "http://host:1/it's here/", "Alice's key")).toBe(
      `npx publisher keys register --public-key ${secp.publicKey} --label 'Alice'\\''s key' --node 'http://host:1/it'\\''s here'`,
    );
  });
});
