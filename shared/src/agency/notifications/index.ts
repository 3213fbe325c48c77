/** Webhook notifications (issue 24): declared record events and `enqueueEvent` write a durable
 *  outbox in the writing transaction; the delivery worker sends each event, signed, in order per
 *  child, to the subscribers the source agency's policy lets hear of it. */
export * from './events';
export { verifyWebhookSignature, signWebhook, SIGNATURE_HEADER, IDEMPOTENCY_HEADER } from './signature';
export type { WebhookPayload, WebhookDispatchOptions } from './dispatcher';
export { WebhookDispatcher, retryDelayMs } from './dispatcher';
export { RECORD_LINKS_ROUTE, LENT_FACTS_ROUTE, MAX_PEER_RECORDS } from './peers';
