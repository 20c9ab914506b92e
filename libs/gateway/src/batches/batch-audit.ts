/** audit_log actions of the batch routes (targetType 'batch'). */
export const BATCH_AUDIT_ACTIONS = { upload: 'UPLOAD', approve: 'APPROVE', reject: 'REJECT' } as const;
