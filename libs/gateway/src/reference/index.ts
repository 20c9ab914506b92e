export {
  FUND_MASTER_CODES,
  FUND_MASTER_COLUMNS,
  type FundMasterCode,
  type FundMasterRowError,
} from './fund-master.codes';
export { FundMasterFileError, type FundMasterFileErrorCode } from './fund-master-file.error';
export { parseFundMasterCsv, type FundMasterCells, type FundMasterRecord } from './fund-master.parser';
export { validateFundMaster } from './fund-master.rules';
export { loadFundMaster, type LoadedFundMaster } from './load-fund-master';
export { FundMasterService } from './fund-master.service';
export { FUND_MASTER_MAX_BYTES } from './funds.controller';
export { FundView } from './fund.view';
export { ReferenceModule } from './reference.module';
export { readSampleFunds, sampleFundsPath, seedSampleFundsIfEmpty } from './sample-funds';
