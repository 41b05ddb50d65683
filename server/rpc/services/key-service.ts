import type { ConnectRouter } from '@connectrpc/connect';
import type { Pool } from 'pg';
import type { CheckpointSigner } from '../../../core/audit/index.ts';
import { PublisherError } from '../../../core/errors/index.ts';
import { getKey, listKeys, registerKey, revokeKey } from '../../../core/keys/index.ts';
import type { Network } from '../../../core/schemes/index.ts';
import type { SignerKey } from '../../../proto/gen/publisher/v1/common_pb.ts';
import { KeyService, KeyStatus } from '../../../proto/gen/publisher/v1/key_pb.ts';
import { keyMessage, quotaView } from '../convert/key-message.ts';

function required(key: SignerKey | undefined): SignerKey {
  if (!key || key.scheme === '' || key.publicKey === '') {
    throw new PublisherError('INVALID_REQUEST', 'key: scheme and public_key are required', { metadata: { field: 'key' } });
  }
  return key;
}

/** KeyService (admin): the registry of creator keys. */
export function keyServiceRoutes(pool: Pool, network: Network, logSigner: CheckpointSigner) {
  return (router: ConnectRouter) =>
    router.service(KeyService, {
      async registerKey(req) {
        const key = required(req.key);
        const view = await registerKey(pool, { scheme: key.scheme, publicKey: key.publicKey, label: req.label, quota: quotaView(req.quota) }, network, 'admin', logSigner);
        return { key: keyMessage(view) };
      },
      async revokeKey(req) {
        const key = required(req.key);
        return { key: keyMessage(await revokeKey(pool, key.scheme, key.publicKey, req.reason, 'admin', logSigner)) };
      },
      async getKey(req) {
        const key = required(req.key);
        return { key: keyMessage(await getKey(pool, key.scheme, key.publicKey)) };
      },
      async listKeys(req) {
        const status = req.status === KeyStatus.ACTIVE ? 'active' : req.status === KeyStatus.REVOKED ? 'revoked' : undefined;
        const page = await listKeys(pool, status, req.pageSize, req.pageToken);
        return { keys: page.keys.map(keyMessage), nextPageToken: page.nextPageToken };
      },
    });
}
