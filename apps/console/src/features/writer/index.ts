import { addMessages } from '@/lib/i18n';
import { writerMessages } from './i18n';

addMessages('writer', writerMessages);

export { WriterPage } from './routes/WriterPage';
