import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderIn } from '@/test/render';
import type { IdentifierValues } from '../validation';
import { IdentifierInput } from './IdentifierInput';

function Harness({ initial, onChange, error }: { initial: IdentifierValues; onChange?: (v: IdentifierValues) => void; error?: string }) {
  const [v, setV] = useState(initial);
  return (
    <IdentifierInput
      index={0}
      value={v}
      onChange={(next) => {
        setV(next);
        onChange?.(next);
      }}
      onRemove={() => undefined}
      errors={{ observedAt: error }}
    />
  );
}

describe('IdentifierInput', () => {
  it('asks an IP address for the time it was observed and that time’s zone', async () => {
    const changes = vi.fn();
    await renderIn(<Harness initial={{ kind: 'IP_ADDRESS', value: '', observedLocal: '', observedZone: 'Asia/Ho_Chi_Minh' }} onChange={changes} />);
    const group = screen.getByRole('group', { name: 'Identifier 1' });
    expect(group).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Value'), '203.0.113.7');
    fireEvent.change(screen.getByLabelText(/Observed at \(date and time\)/), { target: { value: '2026-11-01T10:00' } });
    expect(changes).toHaveBeenLastCalledWith({ kind: 'IP_ADDRESS', value: '203.0.113.7', observedLocal: '2026-11-01T10:00', observedZone: 'Asia/Ho_Chi_Minh' });
    expect(screen.getAllByLabelText(/Time zone of that time/).find((e) => e.tagName === 'INPUT')).toHaveValue('Asia/Ho_Chi_Minh');
  });

  it('asks other kinds for their value only', async () => {
    await renderIn(<Harness initial={{ kind: 'EMAIL', value: 'x@example.org', observedLocal: '', observedZone: '' }} />);
    expect(screen.getByLabelText('Value')).toHaveValue('x@example.org');
    expect(screen.queryByLabelText(/Observed at/)).not.toBeInTheDocument();
  });

  it('shows the completeness message on the time field, in the user’s language', async () => {
    await renderIn(<Harness initial={{ kind: 'IP_ADDRESS', value: '203.0.113.7', observedLocal: '', observedZone: 'Asia/Singapore' }} error="Cần có trước khi trình" />, 'vi');
    const time = screen.getByLabelText(/Thời điểm ghi nhận \(ngày và giờ\)/);
    expect(time).toHaveAttribute('aria-invalid', 'true');
    expect(time).toHaveAccessibleDescription(/Cần có trước khi trình/);
  });
});
