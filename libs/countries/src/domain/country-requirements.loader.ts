/**
 * Loads `config/countries.yaml` (DESIGN §4). A bad entry stops the boot: every problem is
 * reported with the file and the entry's path, e.g.
 * `config/countries.yaml: countries.SG.languages[0]: "english" is not an ISO 639-1 code`.
 */
import { countriesFileSchema } from './country-requirements.schema';
import type { CountryRequirements, CountryRequirementsMap } from './country-requirements.types';
import { CountryConfigError, deepFreeze, parseYamlWith, readConfigFile } from './config-file-error';

const WHAT = 'countries: { CODE: { name, languages?, translationRequired?, channels?, channelRules?, legalBases?, requiredDetails?, sources } }';

/** Parses and validates the countries file's text; throws CountryConfigError naming every bad entry. */
export function parseCountryRequirements(yamlText: string, source = 'countries file'): CountryRequirementsMap {
  const file = parseYamlWith(countriesFileSchema, yamlText, source, WHAT);
  const map = new Map<string, CountryRequirements>();
  for (const [code, entry] of Object.entries(file.countries)) {
    const country: CountryRequirements = {
      code,
      name: entry.name,
      ...(entry.centralAuthority !== undefined && { centralAuthority: entry.centralAuthority }),
      ...(entry.languages !== undefined && { languages: entry.languages }),
      ...(entry.translationRequired !== undefined && { translationRequired: entry.translationRequired }),
      ...(entry.channels !== undefined && { channels: entry.channels }),
      ...(entry.channelRules !== undefined && {
        channelRules: entry.channelRules.map((r) => ({
          channel: r.channel,
          ...(r.types && { types: r.types }),
          ...(r.priorities && { priorities: r.priorities }),
          ...(r.legalBases && { legalBases: r.legalBases }),
          source: r.source,
        })),
      }),
      ...(entry.legalBases !== undefined && { legalBases: entry.legalBases }),
      requiredDetails: (entry.requiredDetails ?? []).map((d) => ({
        key: d.key,
        label: d.label,
        appliesTo: { ...(d.appliesTo?.types && { types: d.appliesTo.types }), ...(d.appliesTo?.legalBases && { legalBases: d.appliesTo.legalBases }) },
        source: d.source,
      })),
      sources: { ...entry.sources },
    };
    map.set(code, deepFreeze(country));
  }
  return map;
}

/** Reads, parses and validates the countries file at `path`. */
export function loadCountryRequirements(path: string): CountryRequirementsMap {
  return parseCountryRequirements(readConfigFile(path, 'countries'), path);
}

export { CountryConfigError };
