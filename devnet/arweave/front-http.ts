import { request, type IncomingMessage, type ServerResponse } from 'node:http';

/** Marks a request the front sends to arlocal itself, so that it passes straight through. */
export const PASS_HEADER = 'x-arweave-devnet-front';
export const PASS_TOKEN = `${process.pid}-${Math.random().toString(36).slice(2)}`;

export interface TextAnswer {
  status: number;
  text: string;
}

export class TooLarge extends Error {}

/**
 * The request body as text, refused with TooLarge past `limit` bytes; the rest is read and thrown
 * away, so that the refusal (413) reaches the client.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let parts: Buffer[] = [];
    let size = 0;
    req.on('data', (part: Buffer) => {
      size += part.length;
      if (size <= limit) return void parts.push(part);
      parts = [];
      reject(new TooLarge()); // once settled, later calls (and the resolve at the end) do nothing
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** Asks arlocal itself, on the server's own port, past the front. */
export function askArlocal(port: number, method: 'GET' | 'POST', path: string, body = ''): Promise<TextAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { [PASS_HEADER]: PASS_TOKEN, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) };
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': text.startsWith('{') ? 'application/json' : 'text/plain' });
  res.end(text);
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
