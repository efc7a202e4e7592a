// The request list's own entry (its chunk): the list page without the request page, its dialogs and their form schemas.
import { addMessages } from '@/lib/i18n';
import { requestsMessages } from './i18n';

addMessages('requests', requestsMessages);

export { RequestsListPage } from './routes/RequestsListPage';
