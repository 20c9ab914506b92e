import { z } from 'zod';
import { MessageSchemas } from './messages';
import { ALL_TOPICS, type Topic } from './topics';

/** Each topic's message as a JSON Schema, for consumers that are not TypeScript (docs/contracts/topics). */
export function topicJsonSchema(topic: Topic): Record<string, unknown> {
  return {
    $id: `https://contracts.mosaic-contingency/topics/${topic}.schema.json`,
    title: topic,
    ...z.toJSONSchema(MessageSchemas[topic], { target: 'draft-2020-12' }),
  };
}

export const allTopicJsonSchemas = (): Array<[Topic, Record<string, unknown>]> =>
  ALL_TOPICS.map((topic) => [topic, topicJsonSchema(topic)]);
