/** What PostgreSQL's programs (and `id`, `useradd`) are given of the node's environment. */
const KEPT = /^(PATH|LANG|LANGUAGE|LC_[A-Z_]+|TZ|TMPDIR)$/;

/**
 * The node's environment holds its secrets (DATABASE_URL, the admin token, the receipt and funding
 * keys) and libpq's PG* variables; a child needs none of them, and whatever a child holds can be
 * read from /proc/<pid>/environ by its OS user. So the programs we start get the search path,
 * locale, time zone and temp directory only: everything else they need is on their command line.
 */
export function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name, value]) => value !== undefined && KEPT.test(name)));
}
