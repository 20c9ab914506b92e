// The trade file's own ISIN and currency rules, so that every fund the master accepts is one a trade can name.
export { isActiveCurrency, isinCheckDigit, isValidIsin } from '@contingency/validation';
