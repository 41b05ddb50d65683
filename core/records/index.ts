export { getRecord, getRecords, listRecords, type RecordPage } from './read-records.ts';
export { readPublications } from './read-publications.ts';
export type { PublicationStatus, PublicationView, RecordView } from './record-view.ts';
