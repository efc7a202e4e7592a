import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderIn } from '@/test/render';
import { Completeness } from './Completeness';

describe('the writer’s live completeness check', () => {
  it('lists what submit still needs, each a button to its step', async () => {
    const onGo = vi.fn();
    await renderIn(<Completeness missing={['title', 'offence.provision', 'identifiers[1].observedAt']} stepTitle={() => 'Offence'} onGo={onGo} />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('3 things are still missing before submitting:');
    await userEvent.click(screen.getByRole('button', { name: /^Provision of law/ }));
    expect(onGo).toHaveBeenCalledWith('offence.provision');
    expect(screen.getByRole('button', { name: /^Identifier 2: Observed at/ })).toBeInTheDocument();
  });

  it('says when the draft is complete, in Vietnamese too', async () => {
    await renderIn(<Completeness missing={[]} stepTitle={() => ''} onGo={() => undefined} />, 'vi');
    expect(screen.getByRole('status')).toHaveTextContent('Bản nháp đã đầy đủ: có thể trình.');
  });
});
