import { Migration } from '@mikro-orm/migrations';

/**
 * publications.chain_tx_id is NULL from intake until a worker puts the publication in a
 * transaction, and every lookup is `chain_tx_id = $1`: index only the rows that have one, so
 * intake does not add an index entry per publication. Written by hand: MikroORM does not diff
 * an index given as an expression.
 */
export class Migration20261202012000PublicationsPartialTxIndex extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "publications_chain_tx_id_index";`);
    this.addSql(`create index publications_chain_tx_id_index on publications (chain_tx_id) where chain_tx_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "publications_chain_tx_id_index";`);
    this.addSql(`create index "publications_chain_tx_id_index" on "publications" ("chain_tx_id");`);
  }

}
