import type { Command } from '../command';
import { apikeyCreateCommand } from './apikey-create.command';
import { batchApproveCommand } from './batch-approve.command';
import { batchErrorsCommand } from './batch-errors.command';
import { batchRejectCommand } from './batch-reject.command';
import { batchShowCommand } from './batch-show.command';
import { dbMigrateCommand } from './db-migrate.command';
import { fundsImportCommand } from './funds-import.command';
import { fundsListCommand } from './funds-list.command';
import { uploadCommand } from './upload.command';

export const COMMANDS: readonly Command[] = [
  uploadCommand,
  batchShowCommand,
  batchApproveCommand,
  batchRejectCommand,
  batchErrorsCommand,
  fundsImportCommand,
  fundsListCommand,
  apikeyCreateCommand,
  dbMigrateCommand,
];
