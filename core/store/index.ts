export { openStore, type Store, type OpenStoreOptions } from './open-store.ts';
export { ormConfig } from './orm-config.ts';
export { asStoreError, isStoreUnavailable } from './store-errors.ts';
export { withTransaction } from './with-transaction.ts';
export * from './entities/index.ts';
