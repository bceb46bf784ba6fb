export { createRedis, REDIS_COMMAND_TIMEOUT_MS, type Redis, type RedisKind } from "./redis";
export { queueConfigs, queueNames, type QueueConfig, type QueueName } from "./queues";
export { configureAiQueue, aiRateLimit } from "./queues/ai";
export {
  jobs,
  jobNames,
  isJobName,
  defineJob,
  emailSendPayload,
  bookingsExpireHoldsPayload,
  systemPingPayload,
  emailSweepPayload,
  type JobDefinition,
  type JobInput,
  type JobName,
  type JobNamesOf,
  type JobPayload,
} from "./jobs";
export {
  NonRetryableError,
  InvalidJobPayloadError,
  UnknownJobError,
  RedisUnavailableError,
} from "./errors";
export {
  DEFAULT_QUEUE_PREFIX,
  createQueues,
  closeQueues,
  enqueue,
  parsePayload,
  jobIdFor,
  jobOptionsFor,
  type CreateQueuesOptions,
  type EnqueueOptions,
  type Queues,
} from "./enqueue";
export type { BaseProcessorContext, JobProcessor, ProcessorRegistry } from "./registry";
