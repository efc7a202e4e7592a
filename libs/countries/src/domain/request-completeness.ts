/**
 * The requested country's own requirements, checked against a request's content (DESIGN §4):
 * pure, so `submit` (422 REQUEST_INCOMPLETE) and the console's live check share it. An unknown
 * country, or a fact the file leaves out, adds no requirement.
 */
import type { Channel, LegalBasis, Priority, RequestType, SupportingDocumentKind } from '@mla/domain';
import type { ChannelRule, CountryRequirements } from './country-requirements.types';

/** What of a request the country's rules look at. */
export interface RequestContent {
  type: RequestType;
  priority: Priority;
  channel: Channel;
  legalBasis: LegalBasis;
  /** ISO 639-1 code of the language the request is written in. */
  language: string;
  /** Extra fields, by the keys of the countries file's `requiredDetails`. */
  details: Readonly<Record<string, string>>;
  attachments: readonly { kind: SupportingDocumentKind; language: string }[];
}

/** One missing or unfit item, with the source of the rule it breaks. */
export interface MissingRequirement {
  /** `language`, `attachments`, `channel`, `legalBasis` or `details.<key>`. */
  field: string;
  message: string;
  source: string;
}

const list = (values: readonly string[]): string => values.join(', ');

/** Every requirement of the requested country the request does not meet (empty when it meets them all). */
export function checkCountryRequirements(country: CountryRequirements | undefined, request: RequestContent): MissingRequirement[] {
  if (!country) return [];
  const missing: MissingRequirement[] = [];
  const { name, sources } = country;

  if (country.languages && !country.languages.includes(request.language) && country.translationRequired !== false) {
    const translated = request.attachments.some((a) => a.kind === 'TRANSLATION' && country.languages?.includes(a.language));
    if (!translated) {
      if (country.translationRequired === true) {
        missing.push({
          field: 'attachments',
          message: `${name} requires a translation of a request written in "${request.language}": attach a TRANSLATION in ${list(country.languages)}`,
          source: sources.translationRequired as string,
        });
      } else {
        missing.push({
          field: 'language',
          message: `${name} accepts requests in ${list(country.languages)}, not "${request.language}": write it in one of them or attach a TRANSLATION`,
          source: sources.languages as string,
        });
      }
    }
  }
  if (country.channels && !country.channels.includes(request.channel)) {
    missing.push({
      field: 'channel',
      message: `${name} accepts requests through ${list(country.channels)}, not ${request.channel}`,
      source: sources.channels as string,
    });
  }
  const ruleRefusal = country.channels?.includes(request.channel) !== false ? channelRuleRefusal(country, request) : null;
  if (ruleRefusal) missing.push(ruleRefusal);
  if (country.legalBases && !country.legalBases.includes(request.legalBasis)) {
    missing.push({
      field: 'legalBasis',
      message: `${name} accepts requests under ${list(country.legalBases)}, not ${request.legalBasis}`,
      source: sources.legalBases as string,
    });
  }
  for (const detail of country.requiredDetails) {
    const { types, legalBases } = detail.appliesTo;
    if (types && !types.includes(request.type)) continue;
    if (legalBases && !legalBases.includes(request.legalBasis)) continue;
    if ((request.details[detail.key] ?? '').trim() !== '') continue;
    missing.push({ field: `details.${detail.key}`, message: `${detail.label.en}: required by ${name}`, source: detail.source });
  }
  return missing;
}

/** True when the rule lets the request through its channel. */
export function channelRuleAllows(rule: ChannelRule, request: Pick<RequestContent, 'type' | 'priority' | 'legalBasis'>): boolean {
  return (
    (!rule.types || rule.types.includes(request.type)) &&
    (!rule.priorities || rule.priorities.includes(request.priority)) &&
    (!rule.legalBases || rule.legalBases.includes(request.legalBasis))
  );
}

/** The channels the country takes a request of this type, priority and legal basis through (every listed one without rules; undefined when unknown). */
export function allowedChannels(country: CountryRequirements | undefined, request: Pick<RequestContent, 'type' | 'priority' | 'legalBasis'>): Channel[] | undefined {
  if (!country?.channels) return undefined;
  if (!country.channelRules) return [...country.channels];
  return country.channels.filter((c) => country.channelRules?.some((r) => r.channel === c && channelRuleAllows(r, request)));
}

const ruleScope = (r: ChannelRule): string =>
  [r.types && `type ${list(r.types)}`, r.priorities && `priority ${list(r.priorities)}`, r.legalBases && `legal basis ${list(r.legalBases)}`].filter(Boolean).join(', ') || 'every request';

/** The channel rules' refusal of the request's channel, naming the rules and their sources; null when a rule allows it. */
function channelRuleRefusal(country: CountryRequirements, request: RequestContent): MissingRequirement | null {
  const rules = country.channelRules;
  if (!rules || rules.some((r) => r.channel === request.channel && channelRuleAllows(r, request))) return null;
  const own = rules.filter((r) => r.channel === request.channel);
  const allowed = allowedChannels(country, request) ?? [];
  const instead = allowed.length > 0 ? `; use ${list(allowed)}` : '';
  const source = (own.length > 0 ? own : rules).map((r) => r.source).join(' | ');
  const what = `${request.type} (${request.priority}, ${request.legalBasis})`;
  const message =
    own.length > 0
      ? `${country.name} takes requests through ${request.channel} only for ${own.map(ruleScope).join('; or ')}, not ${what}${instead} (source: ${source})`
      : `${country.name} takes no request through ${request.channel}${instead} (source: ${source})`;
  return { field: 'channel', message, source };
}

/** The extra fields the country requires of a request of this type and legal basis (for a form). */
export function requiredDetailsFor(country: CountryRequirements | undefined, type: RequestType, legalBasis: LegalBasis): CountryRequirements['requiredDetails'] {
  if (!country) return [];
  return country.requiredDetails.filter(
    (d) => (!d.appliesTo.types || d.appliesTo.types.includes(type)) && (!d.appliesTo.legalBases || d.appliesTo.legalBases.includes(legalBasis)),
  );
}
