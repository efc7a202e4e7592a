import { addMessages } from '@/lib/i18n';
import { adminMessages } from './i18n';

addMessages('admin', adminMessages);

export { AuditPage } from './routes/AuditPage';
export { AuthoritiesPage } from './routes/AuthoritiesPage';
export { DeliveriesPage } from './routes/DeliveriesPage';
export { DirectoryPage } from './routes/DirectoryPage';
export { PeersPage } from './routes/PeersPage';
export { UsersPage } from './routes/UsersPage';
