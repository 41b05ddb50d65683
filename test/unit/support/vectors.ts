import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const vectorsDir = fileURLToPath(new URL('../vectors/', import.meta.url));

export interface ValidVector {
  readonly name: string;
  readonly secretKeyHex: string;
  readonly envelopeJson: string;
  readonly canonicalSigningInput: string;
  readonly digestHex: string;
  readonly recordId: string;
  readonly signature: string;
  readonly creatorAddress: { readonly mainnet: string; readonly test: string };
}

export interface InvalidVector {
  readonly name: string;
  readonly reason: string;
  readonly envelopeJson: string;
}

export const intentVectors = JSON.parse(readFileSync(`${vectorsDir}intent-vectors.json`, 'utf8')) as {
  readonly valid: readonly ValidVector[];
  readonly invalid: readonly InvalidVector[];
};

/** Each RFC 8785 reference case: input text and the exact expected canonical bytes. */
export const rfc8785Cases = readdirSync(`${vectorsDir}rfc8785/input`)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({
    name: file,
    input: readFileSync(`${vectorsDir}rfc8785/input/${file}`, 'utf8'),
    output: readFileSync(`${vectorsDir}rfc8785/output/${file}`),
  }));
