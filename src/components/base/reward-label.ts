import type { Reward } from '../../contract/types.js';
import { ownText, type MessageKey, type Params } from '../../i18n/index.js';

/**
 * A catalog reward's name in the shopper's language, from its kind and value; other rewards (a free
 * product) by the program's name for them, translated where the program translates it.
 */
export function rewardLabel(t: (key: MessageKey, params?: Params) => string, reward: Reward): string {
  switch (reward.kind) {
    case 'fixed':
      return reward.value ? t('reward.fixed', { amount: reward.value }) : ownText(reward.name);
    case 'percent':
      return reward.percent ? t('reward.percent', { percent: reward.percent }) : ownText(reward.name);
    case 'free_shipping':
      return t('reward.freeShipping');
    case 'pay_with_points':
      return t('reward.payWithPoints');
    default:
      return ownText(reward.name);
  }
}
