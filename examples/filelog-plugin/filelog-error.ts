/**
 * The plugin's errors. The node reads `reason` and `recordIds` (a `too_large` error names the
 * records no line can take; the node fails those and publishes the rest), not the class.
 */
export class FilelogError extends Error {
  override readonly name = 'FilelogError';
  readonly reason: 'too_large';
  readonly recordIds: readonly string[];

  constructor(reason: 'too_large', message: string, recordIds: readonly string[]) {
    super(`filelog: ${message}`);
    this.reason = reason;
    this.recordIds = recordIds;
  }
}
