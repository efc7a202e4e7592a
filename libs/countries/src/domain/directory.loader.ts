/**
 * Loads `config/directory.yaml` (DESIGN §14). A bad entry stops the boot: every problem is
 * reported with the file, the entry and the field, e.g.
 * `config/directory.yaml: authorities.US-OIA.email: "oia at doj" is not an e-mail address`.
 */
import { CountryConfigError, deepFreeze, parseYamlWith, readConfigFile } from './config-file-error';
import { directoryFileSchema } from './directory.schema';
import type { Directory, DirectoryEntry } from './directory.types';

const WHAT = 'authorities: { CODE: { country, kind, names, timezone, languages, address?, email?, channels?, source, lastVerified } }';

/** Parses and validates the directory's text; throws CountryConfigError naming every bad entry and field. */
export function parseDirectory(yamlText: string, source = 'directory file'): Directory {
  const file = parseYamlWith(directoryFileSchema, yamlText, source, WHAT);
  const map = new Map<string, DirectoryEntry>();
  for (const [code, e] of Object.entries(file.authorities)) {
    const entry: DirectoryEntry = {
      code,
      country: e.country,
      kind: e.kind,
      names: { ...e.names },
      timezone: e.timezone,
      languages: e.languages,
      ...(e.address !== undefined && { address: e.address }),
      ...(e.email !== undefined && { email: e.email }),
      channels: e.channels ?? [],
      source: e.source,
      lastVerified: e.lastVerified,
    };
    map.set(code, deepFreeze(entry));
  }
  return map;
}

/** Reads, parses and validates the directory at `path`. */
export function loadDirectory(path: string): Directory {
  return parseDirectory(readConfigFile(path, 'directory'), path);
}
