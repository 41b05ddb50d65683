import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createPublisherClient } from '../../sdk/index.ts';

describe('the SDK client when no node answers', () => {
  it('throws UNAVAILABLE saying the node cannot be reached, not UNKNOWN', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));

    const node = createPublisherClient({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(node.getInfo()).rejects.toMatchObject({ name: 'PublisherSdkError', reason: 'UNAVAILABLE', code: 'unavailable', message: expect.stringMatching(/^cannot reach the node: /) });
    const watching = (async () => {
      for await (const record of node.watch('ab'.repeat(32))) return record;
      return undefined;
    })();
    await expect(watching).rejects.toMatchObject({ reason: 'UNAVAILABLE' });
  });
});
