/**
 * An HTTP route a started chain serves on the node's port, under `/chains/<chain name>/<path>`:
 * for what a chain's service pushes to the node (ARC's status callbacks). The node reads the body
 * within `maxBodyBytes` (413 past it) and takes a call from the peer's rate like its other plain
 * routes; the chain checks everything else, authorization included.
 */
export interface ChainRoute {
  readonly method: 'POST';
  /** Below the chain's prefix, without a leading slash: `callback` of chain `x` is `/chains/x/callback`. */
  readonly path: string;
  /** Largest body taken, in bytes (the node's own limit for plain requests caps it too). */
  readonly maxBodyBytes: number;
  handle(request: ChainRouteRequest): Promise<ChainRouteAnswer>;
}

export interface ChainRouteRequest {
  /** Lowercase header names; a repeated header joined with `, `. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
}

export interface ChainRouteAnswer {
  readonly status: number;
  /** Sent as JSON. */
  readonly body?: unknown;
  /**
   * Transactions (txids) whose status the chain has news of: the node follows them at once instead
   * of at their next poll. Unknown txids are ignored.
   */
  readonly news?: readonly string[];
}
