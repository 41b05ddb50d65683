import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const docs = ['README.md', 'docs/cli.md'];

/** The shell code blocks of a Markdown file. */
function shellBlocks(path: string): string {
  return [...readFileSync(`${root}/${path}`, 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

describe('the README and docs/cli.md examples', () => {
  it.each(docs)('%s: every key file keygen writes is one git ignores (a private key must not land in a commit)', (path) => {
    const outs = [...shellBlocks(path).matchAll(/keygen\b[^\n]*--out (\S+)/g)].map((m) => m[1]!);
    expect(outs.length).toBeGreaterThan(0);
    for (const out of outs) {
      const ignored = spawnSync('git', ['check-ignore', '--no-index', '-q', out], { cwd: root });
      expect(ignored.status, `${out} is not ignored by .gitignore`).toBe(0);
    }
  });

  it('the README calls the CLI without npx, whose own start-up costs more than the command', () => {
    const blocks = shellBlocks('README.md');
    expect(blocks).toContain('bin/publisher.mjs');
    expect(blocks).not.toMatch(/npx publisher/);
  });
});
