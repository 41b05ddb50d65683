import { callError } from '../call-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { keySelectionOptions, selectedKey } from '../key-selection.ts';
import { keyLine, keyView } from '../key-view.ts';
import { adminClients } from '../node-clients.ts';

export const keysRevokeCommand = defineCommand({
  name: 'keys revoke',
  usage: '(--key <key.json> | --public-key <key> [--scheme <scheme>]) [--reason <text>]',
  description: [
    'Revokes a creator key: nothing it signs is accepted after this, and it cannot be registered again',
    '(register a new key instead). Records accepted before stay published. Needs the admin token.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: {
    ...keySelectionOptions,
    reason: { type: 'string', value: 'text', help: 'why, kept with the key and in the audit log' },
  },
  examples: ['publisher keys revoke --key alice.key.json --reason "laptop stolen"'],
  async run({ values }, cli) {
    const key = await selectedKey(values, cli);
    const { keys } = await adminClients(cli);
    let response;
    try {
      response = await keys.revokeKey({ key, reason: values.reason ?? '' });
    } catch (error) {
      throw callError(error, 'revoking the key', cli.nodeUrl);
    }
    const view = keyView(response.key);
    cli.out(cli.json ? JSON.stringify(view) : `revoked: ${keyLine(view)}`);
    return ExitCode.ok;
  },
});
