export { batchRecord, batchRecords } from '../../kit/batch-records.ts';
