import type { JsonArray, JsonObject, JsonValue } from '../canonical/index.ts';
import { PublisherError } from '../errors/index.ts';
import { JsonScanner } from './json-scanner.ts';

export interface StrictJsonOptions {
  /**
   * Deepest allowed nesting of objects and arrays. Each container counts one level where it
   * opens and the outermost one is depth 1 (for an intent, the envelope object itself); scalars
   * add nothing. So `{"record":{"tags":["a"]}}` has depth 3.
   */
  readonly maxDepth: number;
}

const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;
const colon = 0x3a;
const quote = 0x22;

/**
 * Parses RFC 8259 JSON and nothing else, refusing what `JSON.parse` lets through and what would
 * make two parties disagree on what was signed: duplicate keys, lone surrogates, numbers that
 * overflow to infinity, excessive nesting. Every refusal is a MALFORMED_INTENT PublisherError.
 *
 * Iterative (an explicit stack of open containers), so hostile nesting can never exhaust the
 * call stack whatever `maxDepth` is. Objects are ordinary objects; a `"__proto__"` member is
 * defined as an own data property, so it stays data and canonicalizes like any other key.
 */
export function parseStrictJson(text: string, options: StrictJsonOptions): JsonValue {
  if (typeof text !== 'string') {
    throw new PublisherError('MALFORMED_INTENT', 'invalid JSON: input is not a string', {
      metadata: { field: 'json' },
    });
  }
  const scanner = new JsonScanner(text);
  const open: (JsonObject | JsonArray)[] = [];
  const keys: string[] = [];
  let value: JsonValue;
  scanner.skipWhitespace();
  for (;;) {
    const c = scanner.peek();
    if (c === openBrace || c === openBracket) {
      // Negated so that a NaN limit refuses every container instead of allowing any depth.
      if (!(open.length < options.maxDepth)) {
        scanner.fail(`nesting deeper than ${options.maxDepth} levels`);
      }
      scanner.pos++;
      scanner.skipWhitespace();
      const container: JsonObject | JsonArray = c === openBrace ? {} : [];
      if (scanner.peek() === (c === openBrace ? closeBrace : closeBracket)) {
        scanner.pos++;
        value = container;
      } else {
        open.push(container);
        if (!Array.isArray(container)) {
          keys.push(readKey(scanner, container));
        }
        continue;
      }
    } else {
      value = scanner.readScalar();
    }
    // A value is complete: store it in its container, closing every container it completes.
    for (;;) {
      const parent = open[open.length - 1];
      if (parent === undefined) {
        scanner.skipWhitespace();
        if (scanner.pos < text.length) {
          scanner.fail(`unexpected ${scanner.describe()} after the JSON value`);
        }
        return value;
      }
      const isArray = Array.isArray(parent);
      if (isArray) {
        parent.push(value);
      } else {
        setMember(parent, keys[keys.length - 1] ?? '', value);
      }
      scanner.skipWhitespace();
      const next = scanner.peek();
      if (next === comma) {
        scanner.pos++;
        scanner.skipWhitespace();
        if (scanner.peek() === (isArray ? closeBracket : closeBrace)) {
          scanner.fail('trailing comma');
        }
        if (!isArray) {
          keys[keys.length - 1] = readKey(scanner, parent);
        }
        break;
      }
      if (next !== (isArray ? closeBracket : closeBrace)) {
        scanner.fail(`expected ',' or '${isArray ? ']' : '}'}' but found ${scanner.describe()}`);
      }
      scanner.pos++;
      open.pop();
      if (!isArray) {
        keys.pop();
      }
      value = parent;
    }
  }
}

/** Reads `"name" :` and refuses a name the object already holds (compared after unescaping). */
function readKey(scanner: JsonScanner, target: JsonObject): string {
  if (scanner.peek() !== quote) {
    scanner.fail(`expected a member name in double quotes but found ${scanner.describe()}`);
  }
  const start = scanner.pos;
  const key = scanner.readString();
  if (Object.hasOwn(target, key)) {
    scanner.pos = start;
    const shown = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
    scanner.fail(`duplicate member name ${shown}`, { key: shown });
  }
  scanner.skipWhitespace();
  if (scanner.peek() !== colon) {
    scanner.fail(`expected ':' but found ${scanner.describe()}`);
  }
  scanner.pos++;
  scanner.skipWhitespace();
  return key;
}

function setMember(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
