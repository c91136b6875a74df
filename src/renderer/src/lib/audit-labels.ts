/** What an audit action means, in words, for history panels (shared with the audit log's CSV). */
export { auditLabel } from '../../../shared/domain/audit-view';
