import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { text as streamText } from 'node:stream/consumers';
import { inputError } from './cli-error.ts';

export interface JsonInput {
  /** The file's text as read, for commands that pass it on unchanged. */
  readonly text: string;
  readonly value: Record<string, unknown>;
}

/** A file named on the command line, or stdin for "-". Missing or unreadable: a usage error. */
export async function readInput(path: string, cwd: string, what: string): Promise<string> {
  try {
    return path === '-' ? await streamText(process.stdin) : await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw inputError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

/** A file holding one JSON object. */
export async function readJsonObject(path: string, cwd: string, what: string): Promise<JsonInput> {
  const text = await readInput(path, cwd, what);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputError(`the ${what} ${path} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw inputError(`the ${what} ${path} must hold a JSON object`);
  return { text, value: value as Record<string, unknown> };
}
