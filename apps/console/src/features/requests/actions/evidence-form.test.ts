import { describe, expect, it } from 'vitest';
import { deliveryBody, newItem, safeName, uploadsOf, type DeliveryValues } from './evidence-form';

const file = (name: string, type = 'text/csv') => new File(['a,b\n1,2\n'], name, { type });

describe('the deliver_evidence body', () => {
  it('is never final itself while it has files to upload (made final once the server verified them)', () => {
    const v: DeliveryValues = { final: true, items: [{ ...newItem(), kind: 'FILE', description: ' CSV ', file: file('rows.csv'), sha256: 'a'.repeat(64) }] };
    expect(deliveryBody(v)).toEqual({
      final: false,
      items: [{ kind: 'FILE', description: 'CSV', sha256: 'a'.repeat(64), sizeBytes: 8, fileName: 'rows.csv', mediaType: 'text/csv', transfer: 'UPLOAD' }],
    });
    expect(uploadsOf(v)).toEqual([{ itemNo: 1, file: v.items[0]?.file }]);
  });

  it('records an out-of-band file by hash and medium, and keeps a final delivery final', () => {
    const v: DeliveryValues = { final: true, items: [{ ...newItem(), kind: 'FILE', description: 'Disk', file: file('image.dd', ''), sha256: 'b'.repeat(64), transfer: 'OUT_OF_BAND', medium: ' SSD, bag 114 ' }] };
    expect(deliveryBody(v)).toEqual({
      final: true,
      items: [{ kind: 'FILE', description: 'Disk', sha256: 'b'.repeat(64), sizeBytes: 8, fileName: 'image.dd', transfer: 'OUT_OF_BAND', medium: 'SSD, bag 114' }],
    });
    expect(uploadsOf(v)).toEqual([]);
  });

  it('sends a name the API takes: control and bidi-formatting characters replaced', () => {
    expect(safeName('invoice\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(safeName('a\r\nb.txt')).toBe('a__b.txt');
    expect(safeName('Biên bản.pdf')).toBe('Biên bản.pdf');
  });
});
