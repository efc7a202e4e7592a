import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import { addMessages } from '@/lib/i18n';
import { evidenceMessages } from './evidence-i18n';
import { requestsMessages } from './i18n';

addMessages('requests', requestsMessages);
addMessages('evidence', evidenceMessages);

export { RequestPage } from './routes/RequestPage';
export { RequestsListPage } from './routes/RequestsListPage';
