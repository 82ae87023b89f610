export * from './retry.js';
export * from './webhook-signing.js';
export * from './publish-config.schema.js';
export * from './connection.js';
export { hasLegacyHeaders, maskHeaders, sealedHeaders } from './connection-headers.js';
export type { SmtpTransport, SmtpTransportFactory } from './channel.js';
export {
  createPublisher,
  defaultSmtpTransportFactory,
  type PublisherOptions,
} from './publisher.js';
export { testConnection, type ConnectionTestResult } from './test-connection.js';
export { defaultWebhookBody, webhookUrlProblem } from './webhook.channel.js';
export { slackMessage } from './slack.channel.js';
export { wordpressPost, wordpressSlug } from './wordpress.channel.js';
export { escapeHtml, toHtmlAndText } from './content-format.js';
export { isRetryableStatus } from './outcome.js';
export { sendNotificationEmail, type NotificationEmail } from './notification-email.js';
