import { addMessages } from '@/lib/i18n';
import { supervisionMessages } from './i18n';

addMessages('supervision', supervisionMessages);

export { OverduePage } from './routes/OverduePage';
export { StatsPage } from './routes/StatsPage';
