import { ArweaveAdapterError } from './arweave-adapter-error.ts';
import { BUNDLE_TAGS } from './build-transaction.ts';
import { describeAnswer, type GatewayClient } from './gateway-client.ts';

/** A layer-1 transaction of the operator wallet as the gateway's GraphQL lists it. */
export interface ListedTransaction {
  id: string;
  /** Undefined while pending. */
  blockHeight: number | undefined;
}

/** The tags by which the adapter's layer-1 transactions are listed: its bundles, and its `l1` mode's records. */
export const OPERATOR_TAG_FILTERS = [BUNDLE_TAGS.map((tag) => ({ name: tag.name, values: [tag.value] })), [{ name: 'App-Name', values: ['chain-publisher'] }]];

/** ar.io's and arlocal's largest page. */
const PAGE = 100;

/**
 * The query shape of ar.io gateways (ar-io-node src/routes/graphql/schema/types.graphql):
 * owners, tags, `bundledIn: null` for layer-1 transactions only (arlocal ignores it: items are
 * told apart by find-published.ts), a block height floor, newest first, cursor paging.
 */
const QUERY = `query OperatorTransactions($owners: [String!], $tags: [TagFilter!], $min: Int, $after: String) {
  transactions(owners: $owners, tags: $tags, bundledIn: null, block: { min: $min }, first: ${PAGE}, after: $after, sort: HEIGHT_DESC) {
    pageInfo { hasNextPage }
    edges { cursor node { id bundledIn { id } block { height } } }
  }
}`;

interface Page {
  pageInfo: { hasNextPage: boolean };
  edges: { cursor: string; node: { id: string; bundledIn: { id: string } | null; block: { height: number } | null } }[];
}

/**
 * Every layer-1 transaction of `owner` carrying `tags`, from `minHeight` up (pending ones
 * included when the gateway lists them: arlocal does, ar.io indexes mined blocks only), following
 * the cursor page by page. Throws ArweaveAdapterError('gateway') when the gateway cannot answer.
 */
export async function listOperatorTransactions(
  gateway: GatewayClient,
  owner: string,
  tags: readonly { name: string; values: readonly string[] }[],
  minHeight: number | undefined,
): Promise<ListedTransaction[]> {
  const listed: ListedTransaction[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = await queryPage(gateway, { owners: [owner], tags, min: minHeight ?? null, after });
    for (const { node } of page.edges) {
      if (node.bundledIn != null) continue; // an item (ar.io lists them unless bundledIn is null; belt and braces)
      listed.push({ id: node.id, blockHeight: node.block?.height ?? undefined });
    }
    const last = page.edges.at(-1);
    if (!page.pageInfo.hasNextPage || last === undefined) return listed;
    after = last.cursor;
  }
}

async function queryPage(gateway: GatewayClient, variables: Record<string, unknown>): Promise<Page> {
  const answer = await gateway.post('/graphql', JSON.stringify({ query: QUERY, variables }));
  const fail = (why: string): never => {
    throw new ArweaveAdapterError('gateway', `POST ${gateway.url}/graphql (the operator's transactions): ${why}`);
  };
  if (answer.kind !== 'answer' || answer.status !== 200) return fail(describeAnswer(answer));
  let body: { data?: { transactions?: Page }; errors?: unknown };
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    return fail(`not JSON: ${describeAnswer(answer)}`);
  }
  const page = body.data?.transactions;
  if (body.errors !== undefined || page === undefined || !Array.isArray(page.edges) || typeof page.pageInfo?.hasNextPage !== 'boolean') {
    return fail(`no transactions page: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  }
  return page;
}
