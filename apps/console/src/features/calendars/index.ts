import { addMessages } from '@/lib/i18n';
import { calendarsMessages } from './i18n';

addMessages('calendars', calendarsMessages);

export { CalendarsPage } from './routes/CalendarsPage';
