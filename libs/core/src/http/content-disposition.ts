/** Control, bidirectional-formatting and other invisible characters a download's name never carries. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Characters no file system takes in a name, and path separators. */
const RESERVED = /[/\\:*?"<>|]/g;
const MAX_NAME = 200;

/**
 * A file name fit to hand to a browser: control and bidi-formatting characters (U+202E, which
 * shows `invoice\u202Efdp.exe` as `invoiceexe.pdf`; CR and LF, which would split a header)
 * become `_`, as do path separators and characters no file system takes; leading dots and
 * trailing dots and spaces go; at most 200 characters (the extension kept); never empty
 * (`fallback`).
 */
export function safeFileName(name: string | null | undefined, fallback = 'download'): string {
  let safe = (name ?? '').normalize('NFC').replace(UNSAFE, '_').replace(RESERVED, '_').replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (safe.replace(/_/g, '') === '') safe = fallback;
  const chars = [...safe];
  if (chars.length > MAX_NAME) {
    const dot = safe.lastIndexOf('.');
    const ext = dot > 0 && safe.length - dot <= 16 ? safe.slice(dot) : '';
    safe = chars.slice(0, MAX_NAME - [...ext].length).join('') + ext;
  }
  return safe;
}

/** RFC 8187 ext-value: UTF-8, percent-encoding everything outside attr-char. */
function extValue(name: string): string {
  return `UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/**
 * A `Content-Disposition` header (RFC 6266) naming the file: the safe name (safeFileName) as
 * `filename*` in UTF-8, and an ASCII `filename` for clients that know no better (every
 * non-ASCII letter `_`, no quote or backslash).
 */
export function contentDisposition(name: string | null | undefined, options: { inline?: boolean; fallback?: string } = {}): string {
  const safe = safeFileName(name, options.fallback);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `${options.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=${extValue(safe)}`;
}
