/** The Security page, loaded on its own (the QR code drawing stays out of the first load). */
export { SecurityPage } from './routes/SecurityPage';
