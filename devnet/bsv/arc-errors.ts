/**
 * ARC's error answers, RFC 7807-style, with the titles and details of ARC's `pkg/api/status.go`
 * (`NewErrorFields`) and the field order of its `ErrorFields` JSON.
 */
const ARC_ERROR = {
  400: ['Bad request', 'The request seems to be malformed and cannot be processed'],
  404: ['Not found', 'The requested resource could not be found'],
  460: ['Not extended format', 'Missing input scripts: Transaction could not be transformed to extended format'],
  461: ['Malformed transaction', 'Transaction is malformed and cannot be processed'],
  462: ['Invalid inputs', 'Transaction is invalid because the inputs are non-existent or spent'],
  463: ['Malformed transaction', 'Transaction is malformed and cannot be processed'],
  464: ['Invalid outputs', 'Transaction is invalid because the outputs are non-existent or invalid'],
  465: ['Fee too low', 'Fees are insufficient'],
  474: ['Transaction size validation failed', 'Transaction size validation failed'],
} as const;

export type ArcErrorStatus = keyof typeof ARC_ERROR;

export interface ArcProblem {
  detail: string;
  extraInfo: string;
  instance: null;
  status: number;
  title: string;
  txid: string | null;
  type: string;
}

/** A transaction refused by ARC's own validation (never stored, no callback), or a bad request. */
export class ArcError extends Error {
  override readonly name = 'ArcError';
  constructor(
    readonly status: ArcErrorStatus,
    message: string,
  ) {
    super(message);
  }

  /**
   * ARC prefixes validator errors with `arc error <code>: ` (validator.Error) but passes request
   * errors (400, 404) through as they are.
   */
  problem(txid?: string): ArcProblem {
    const prefixed = this.status >= 460 ? `arc error ${this.status}: ${this.message}` : this.message;
    return arcProblem(this.status, prefixed, txid);
  }
}

export function arcProblem(status: ArcErrorStatus, extraInfo: string, txid?: string): ArcProblem {
  const [title, detail] = ARC_ERROR[status];
  return {
    detail,
    extraInfo,
    instance: null,
    status,
    title,
    txid: txid ?? null,
    type: `https://bitcoin-sv.github.io/arc/#/errors?id=_${status}`,
  };
}
