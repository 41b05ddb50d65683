import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const buf = fileURLToPath(new URL('../../node_modules/.bin/buf', import.meta.url));

export interface BufCurlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `buf curl` over gRPC with h2c; no schema is given, so everything it knows comes from reflection. */
export function bufCurl(args: readonly string[]): Promise<BufCurlResult> {
  return new Promise((resolve) => {
    const argv = ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', ...args];
    execFile(buf, argv, { timeout: 20_000 }, (error, stdout, stderr) => {
      const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ exitCode, stdout, stderr });
    });
  });
}
