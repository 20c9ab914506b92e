import { type Checked, fail, issue, pass, show } from './issue';

const ISIN_SHAPE = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/;

/** How the service looks a fund up: the file may carry spaces or lower case, the fund master does not. */
export function normaliseIsin(cell: string): string {
  return cell.trim().toUpperCase();
}

/** ISO 6166: 2-letter country, 9 alphanumerics, and a Luhn check digit over the letters expanded A=10…Z=35. */
export function isValidIsin(value: string): boolean {
  return ISIN_SHAPE.test(value) && luhnValid(expandLetters(value));
}

export function checkIsin(cell: string): Checked<string> {
  const isin = normaliseIsin(cell);
  if (isin === '') {
    return fail(issue('FUND_ISIN_REQUIRED', 'fund_isin is empty: fill in the 12-character ISIN of the fund'));
  }
  if (!ISIN_SHAPE.test(isin)) {
    return fail(
      issue(
        'FUND_ISIN_FORMAT',
        `fund_isin ${show(cell.trim())} is not an ISIN: an ISIN is 12 characters, 2 letters, 9 letters or digits ` +
          `and a check digit, such as IE00B4L5Y983; copy it from the fund master`,
      ),
    );
  }
  if (!isValidIsin(isin)) {
    return fail(
      issue(
        'FUND_ISIN_CHECK_DIGIT',
        `fund_isin ${isin} has a wrong check digit (expected ${isin.slice(0, 11)}${isinCheckDigit(isin.slice(0, 11))} ` +
          `if the first 11 characters are right): look for a mistyped character and copy the ISIN from the fund master`,
      ),
    );
  }
  return pass(isin);
}

/** The check digit that completes the first 11 characters of an ISIN. */
export function isinCheckDigit(first11: string): number {
  for (let digit = 0; digit <= 9; digit++) {
    if (luhnValid(expandLetters(`${first11}${digit}`))) return digit;
  }
  throw new Error('unreachable: exactly one Luhn check digit exists');
}

function expandLetters(value: string): string {
  return [...value]
    .map((char) => (char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char))
    .join('');
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    // Every second digit from the right, starting left of the check digit, is doubled.
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
