const MAX_CHARS = 200;
// Control characters and the bidi controls that can make 'gpj.exe' read as 'exe.jpg' on screen.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The client's file name, made safe to show: the last path segment, no control characters, bounded.
 * It is only ever displayed; the stored file is named by its SHA-256.
 */
export function displayFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  const bounded = chars.length > MAX_CHARS ? chars.slice(0, MAX_CHARS).join('') : clean;
  return bounded === '' || bounded === '.' || bounded === '..' ? 'upload' : bounded;
}
