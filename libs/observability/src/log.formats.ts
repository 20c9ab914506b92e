import { format, type Logform } from 'winston';
import { currentLogContext } from './log-context';
import { MASK, SECRET_KEY, maskSecrets } from './mask-secrets';

/** Adds the fields of the current log context; fields passed explicitly to the log call win. */
export const logContextFormat = format((info) => Object.assign(info, { ...currentLogContext(), ...info }));

/** Masks secrets in every field of the line, including nested objects and Errors. */
export const maskSecretsFormat = format((info) => {
  // A new info (symbol keys included) so that objects the caller passed in are never modified.
  const masked: Logform.TransformableInfo = Object.assign({}, info);
  for (const [key, value] of Object.entries(info)) {
    if (key === 'level') continue;
    masked[key] = SECRET_KEY.test(key) ? MASK : maskSecrets(value);
  }
  return masked;
});
