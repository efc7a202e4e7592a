import { useTranslation } from 'react-i18next';
import { formatDateTime, viewerTimeZone } from '@/lib/format';

/** An instant, in a zone (the viewer's by default), always showing the zone. */
export function DateTime({ value, timeZone }: { value: string | null | undefined; timeZone?: string }) {
  const { i18n } = useTranslation();
  if (!value) return <>—</>;
  return <time dateTime={value}>{formatDateTime(value, i18n.language, timeZone ?? viewerTimeZone())}</time>;
}
