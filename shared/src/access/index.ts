/** Every access rule: policies and consents, permissions, decisions and the section access unit,
 *  the audit trail (appends, queries, checkpoints), seals, break-glass limits, privacy notices. */
export * from './policy';
export * from './permissions';
export * from './consents';
export * from './decisions';
export * from './sectionAccess';
export * from './audit';
export * from './auditQueries';
export * from './disclosures';
export * from './auditCheckpoint';
export * from './seal';
export * from './privacyNotice';
export * from './breakGlassLimit';
export * from './consentTables';
