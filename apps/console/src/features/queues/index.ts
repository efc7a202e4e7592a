import { addMessages } from '@/lib/i18n';
import { queuesMessages } from './i18n';

addMessages('queues', queuesMessages);

export { IncomingQueuePage, ReviewQueuePage } from './routes/QueuePages';
export { ToChasePage } from './routes/ToChasePage';
