import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import { addMessages } from '@/lib/i18n';
import { evidenceMessages } from './evidence-i18n';
import { requestsMessages } from './i18n';
import { counterpartsMessages } from './counterparts/i18n';
import { transmissionsMessages } from './transmissions/i18n';

addMessages('requests', requestsMessages);
addMessages('counterparts', counterpartsMessages);
addMessages('evidence', evidenceMessages);
addMessages('transmissions', transmissionsMessages);

export { RequestPage } from './routes/RequestPage';
// The list page has its own entry (list.ts).
export { IncomingOnPaperPage } from './routes/IncomingOnPaperPage';
