import type { TFunction } from 'i18next';
import type { Me, RequestSummary } from './api/client';
import { countryName } from './names';

type Party = Pick<RequestSummary, 'ballHolder' | 'ballHolderRole' | 'requestingAuthority' | 'requestedAuthority'>;
/** How an authority is named (useAuthorityName: in the user's language). */
export type NameOf = (a: RequestSummary['requestingAuthority']) => string;
type Translate = TFunction<string>;

/** Who must act next on a request, named as people see it, and whether it is the signed-in user's side. */
export interface NextParty {
  label: string;
  you: boolean;
}

/**
 * The party that must act next: the requesting authority (its prosecutor), the requesting
 * country's central authority (a request in review), or the requested authority; "(you)" when
 * that is the user's own authority or, for a request in review, the user is one of its country's officers.
 * The authority is named by `nameOf` (its name in the user's language), by its name by default.
 */
export function whoActsNext(r: Party, me: Pick<Me, 'role' | 'authority'> | null | undefined, t: Translate, lang: string, nameOf: NameOf = (a) => a.name): NextParty | null {
  if (!r.ballHolder) return null;
  const mine = me?.authority ?? null;
  let label: string;
  let you: boolean;
  if (r.ballHolder === 'REQUESTING' && r.ballHolderRole === 'OFFICER') {
    label = t('common:next.centralAuthority', { country: countryName(r.requestingAuthority.country, lang) });
    you = me?.role === 'OFFICER' && mine?.country === r.requestingAuthority.country && mine.kind !== 'PROSECUTION_OFFICE';
  } else {
    const a = r.ballHolder === 'REQUESTING' ? r.requestingAuthority : r.requestedAuthority;
    label = t('common:next.authority', { name: nameOf(a), country: countryName(a.country, lang) });
    you = mine?.id === a.id && (me?.role === (r.ballHolderRole ?? 'OFFICER'));
  }
  return { label: you ? t('common:next.you', { party: label }) : label, you };
}
