// The trade file's own ISIN and currency rules, so that every fund the master accepts is one a trade can
// name. @contingency/validation does not export its rules yet; once it does, import them from there.
// eslint-disable-next-line @nx/enforce-module-boundaries
export { isActiveCurrency, isinCheckDigit, isValidIsin } from '../../../validation/src/rules';
