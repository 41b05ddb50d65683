import { expect } from 'vitest';
import { PublisherError } from '../../../core/errors/index.ts';

/** Runs `act`, asserting it throws a PublisherError with this reason, and returns the error. */
export function expectRefusal(act: () => unknown, reason: string, message?: RegExp): PublisherError {
  let thrown: unknown;
  try {
    act();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a refusal').toBeInstanceOf(PublisherError);
  const error = thrown as PublisherError;
  expect(error.reason, error.message).toBe(reason);
  if (message !== undefined) {
    expect(error.message).toMatch(message);
  }
  return error;
}
