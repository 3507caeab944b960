import type { AuditEvent } from '../../shared/domain/audit'

/**
 * The port services write credential actions to (dispatch for single actions from the window
 * and the CLI, the bulk runner per company, backup and restore). Recording never fails the
 * action it records: a log that cannot be written is told as a notice.
 */
export interface AuditSink {
  record(event: AuditEvent): void
}
