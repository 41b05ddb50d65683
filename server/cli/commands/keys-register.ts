import { callError } from '../call-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { keySelectionOptions, selectedKey } from '../key-selection.ts';
import { keyLine, keyView } from '../key-view.ts';
import { adminClients } from '../node-clients.ts';

export const keysRegisterCommand = defineCommand({
  name: 'keys register',
  usage: '(--key <key.json> | --public-key <key> [--scheme <scheme>]) [--label <text>]',
  description: "Registers a creator key with the node, so that intents it signs are accepted. Needs the admin token.",
  positionals: { min: 0, max: 0 },
  options: {
    ...keySelectionOptions,
    label: { type: 'string', value: 'text', help: 'who the key belongs to, for the operator' },
  },
  examples: ['publisher keys register --key alice.key.json --label alice', 'publisher keys register --public-key 02ab… --label bob'],
  async run({ values }, cli) {
    const key = await selectedKey(values, cli);
    const { keys } = await adminClients(cli);
    let response;
    try {
      response = await keys.registerKey({ key, label: values.label ?? '' });
    } catch (error) {
      throw callError(error, 'registering the key', cli.nodeUrl);
    }
    const view = keyView(response.key);
    cli.out(cli.json ? JSON.stringify(view) : `registered: ${keyLine(view)}`);
    return ExitCode.ok;
  },
});
