const URLS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()[\]{}]+/gi;
const PATHS = /(^|[\s"'(=,:])\/(?:[^\s"'()/,:]+\/)+[^\s"'(),:]*/g;
const UNRESOLVED = /\b(ENOTFOUND|EAI_AGAIN)\s+[^\s"',;)]+/g;
const HOSTS = /\[[0-9a-f:.]+\](?::\d{1,5})?|\b(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?|(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+):\d{1,5})\b/gi;

/**
 * A publication's last error as clients read it (GetRecord, WatchRecord): the chain's verdict
 * without the URLs, hosts and file paths that adapters and the services behind them put in their
 * details. The whole text stays in the transaction's row, the audit log and the node's log.
 */
export function publicErrorText(text: string): string {
  return text.replace(URLS, '<url>').replace(PATHS, '$1<path>').replace(UNRESOLVED, '$1 <host>').replace(HOSTS, '<host>');
}
