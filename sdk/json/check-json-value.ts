import { PublisherSdkError } from '../errors/sdk-error.ts';
import type { JsonObject } from './json-value.ts';

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses what the node would refuse in a record (wire-format.md §6) before anything is signed:
 * values JSON cannot carry (undefined, functions, NaN, class instances), lone surrogates, and
 * nesting deeper than `maxDepth` counted from the envelope (so `record` itself is depth 2).
 */
export function checkJsonObject(value: unknown, field: string, maxDepth: number, depth = 2): asserts value is JsonObject {
  if (!isPlainObject(value)) fail(field, 'must be a plain JSON object');
  check(value, field, maxDepth, depth);
}

function check(value: unknown, path: string, maxDepth: number, depth: number): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, 'is not a finite number');
    return;
  }
  if (typeof value === 'string') {
    if (loneSurrogate.test(value)) fail(path, 'holds a lone UTF-16 surrogate');
    return;
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    if (depth > maxDepth) fail(path, `nests deeper than ${maxDepth} levels`);
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => check(item, `${path}[${index}]`, maxDepth, depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (loneSurrogate.test(key)) fail(path, 'has a member name with a lone UTF-16 surrogate');
      check(item, `${path}.${key}`, maxDepth, depth + 1);
    }
    return;
  }
  fail(path, `is ${typeof value === 'object' ? 'an object that is not plain JSON' : typeof value}, which JSON cannot carry`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function fail(path: string, problem: string): never {
  throw new PublisherSdkError('INVALID_INPUT', `${path} ${problem}`, { metadata: { field: path } });
}
