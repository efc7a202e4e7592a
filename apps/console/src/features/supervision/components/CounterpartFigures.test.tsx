import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/lib/api/client';
import { addMessages } from '@/lib/i18n';
import { renderIn } from '@/test/render';
import { supervisionMessages } from '../i18n';
import { CounterpartFigures } from './CounterpartFigures';

addMessages('supervision', supervisionMessages);

const figures = { sent: 3, answered: 2, replyRate: 0.6667, timeToAnswerDays: { n: 2, median: 2.04, p90: 2.88 }, chases: 2, chasesPerRequest: 0.67 };
const data = {
  total: {} as Schemas['GroupStatsDto'],
  groups: [],
  byCountry: [{ country: 'US', ...figures }],
  byAuthority: [{ country: 'US', authorityId: 'a1', authorityCode: 'US-OIA', authorityName: 'Office of International Affairs', ...figures }],
} as Schemas['DirectionStatsDto'];

describe('CounterpartFigures', () => {
  it('shows per counterpart country and authority: sent, answered, reply rate, time to answer, chases per request', async () => {
    await renderIn(<CounterpartFigures data={data} />);
    expect(screen.getByRole('row', { name: /^United States/ })).toHaveTextContent(/^United States3266[.,]7\s%22[.,]90[.,]67$/);
    expect(screen.getByRole('row', { name: /^Office of International Affairs \(United States\)/ })).toHaveTextContent('66');
  });

  it('speaks Vietnamese, and says when there is nothing', async () => {
    await renderIn(<CounterpartFigures data={data} />, 'vi');
    expect(screen.getAllByRole('columnheader', { name: 'Tỷ lệ trả lời' })).toHaveLength(2);
    expect(screen.getByRole('row', { name: /^Hoa Kỳ/ })).toBeInTheDocument();
    await renderIn(<CounterpartFigures data={{ ...data, byCountry: [], byAuthority: [] }} />);
    expect(screen.getByText('No data in this period.')).toBeInTheDocument();
  });
});
