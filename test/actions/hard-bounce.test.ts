import {describe, expect, it} from 'vitest';
import {isHardBounce, retryEmailsPlan} from '../../source/actions/application-action-plans';
import {resolveApplicationSettings} from '../../source/config/application-settings';

const settings = resolveApplicationSettings().emails;
const titleOf = (label: string) => {
  const plan = retryEmailsPlan(settings, {errorClassKey: 'k', label});
  if (!('request' in plan)) throw new Error(plan.unavailable);
  return plan.request.title;
};

describe('retrying hard bounces', () => {
  it('tells permanent SMTP failures from temporary ones and from HTTP codes', () => {
    expect(isHardBounce('550 5.1.1 mailbox unavailable')).toBe(true);
    expect(isHardBounce('smtp; 5.7.1 relaying denied')).toBe(true);
    expect(isHardBounce('421 4.7.0 try again later')).toBe(false);
    expect(isHardBounce('Resend API 429: rate limit exceeded')).toBe(false);
    expect(isHardBounce('Resend API 503: unavailable')).toBe(false);
  });

  it('warns in the confirmation that a retry will fail again', () => {
    expect(titleOf('550 5.1.1 mailbox unavailable')).toBe(
      'Retry failed emails "550 5.1.1 mailbox unavailable" of the last hour (hard bounces: the mailbox does not exist or refuses mail, a retry will fail again)',
    );
    expect(titleOf('Resend API 429: rate limit exceeded')).toBe(
      'Retry failed emails "Resend API 429: rate limit exceeded" of the last hour',
    );
  });
});
