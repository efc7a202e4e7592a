import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderIn } from '@/test/render';
import type { Schemas } from '@/lib/api/client';
import { CountryRequirements, notAccepted } from './CountryRequirements';

const sg: Schemas['CountryDto'] = {
  code: 'SG',
  name: 'Singapore',
  centralAuthority: "Attorney-General's Chambers",
  languages: ['en'],
  translationRequired: true,
  channels: ['CENTRAL_AUTHORITY'],
  requiredDetails: [
    { key: 'maximumPenalty', label: { en: 'Maximum penalty of the offence', vi: 'Hình phạt tối đa của tội phạm' }, appliesTo: {}, source: 'MACMA 2000 s. 19' },
    { key: 'preservationData', label: { en: 'The data to be preserved', vi: 'Dữ liệu cần bảo quản' }, appliesTo: { types: ['PRESERVATION'] }, source: 'Budapest art. 29(2)' },
  ],
  sources: { languages: 'ASEAN MLAT art. 5' },
};

describe('what the requested country requires', () => {
  it('shows the facts with their sources, and only the details that apply to this type', async () => {
    await renderIn(<CountryRequirements country={sg} type="SUBSCRIBER_INFO" legalBasis="ASEAN_MLAT_2004" />);
    const region = screen.getByRole('region', { name: 'What Singapore requires' });
    expect(region).toHaveTextContent('Languages accepted: English. A request in another language needs a translation.');
    expect(region).toHaveTextContent('Source: ASEAN MLAT art. 5');
    expect(screen.getByText('Maximum penalty of the offence')).toBeInTheDocument();
    expect(screen.queryByText('The data to be preserved')).not.toBeInTheDocument();
  });

  it('speaks Vietnamese (labels from the data) and flags a channel the country does not list', async () => {
    await renderIn(<CountryRequirements country={sg} type="PRESERVATION" legalBasis="BUDAPEST_CONVENTION" />, 'vi');
    expect(screen.getByRole('region', { name: 'Yêu cầu của Singapore' })).toBeInTheDocument();
    expect(screen.getByText('Dữ liệu cần bảo quản')).toBeInTheDocument();
    expect(notAccepted(sg.channels, 'NETWORK_24_7')).toBe(true);
    expect(notAccepted(sg.channels, 'CENTRAL_AUTHORITY')).toBe(false);
    expect(notAccepted(undefined, 'DIRECT')).toBe(false);
  });
});
