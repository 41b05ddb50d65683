/**
 * The one error class of the BSV adapter: bad options, a grant that cannot pay for a batch, a
 * record that cannot be written, an endpoint that answered nonsense. Broadcast and status never
 * throw it; they answer with a closed RejectReason instead (verdict-table.ts).
 */
export class BsvAdapterError extends Error {
  override readonly name = 'BsvAdapterError';
  readonly details: Readonly<Record<string, string>>;

  constructor(message: string, options: { cause?: unknown; details?: Record<string, string> } = {}) {
    super(`bsv: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details ?? {};
  }
}
