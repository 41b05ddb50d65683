export { appendAuditEvents, auditDataJsons, chainEvents, insertAuditEvents, lockAuditHead, type AuditHead } from './append-audit-events.ts';
export { readAuditEvents } from './read-audit-events.ts';
export { verifyAuditChain, type ChainVerification } from './verify-audit-chain.ts';
export { auditHash, auditHashOfCanonical } from './audit-hash.ts';
export { GENESIS_HASH, type AuditEvent, type AuditInput } from './audit-event.ts';
