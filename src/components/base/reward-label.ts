import type { Reward } from '../../contract/types.js';
import type { MessageKey, Params } from '../../i18n/index.js';

/**
 * A catalog reward's name in the shopper's language, from its kind and value (the program's own
 * name is one language only); free products keep the program's name, which is the product's.
 */
export function rewardLabel(t: (key: MessageKey, params?: Params) => string, reward: Reward): string {
  switch (reward.kind) {
    case 'fixed':
      return reward.value ? t('reward.fixed', { amount: reward.value }) : reward.name;
    case 'percent':
      return reward.percent ? t('reward.percent', { percent: reward.percent }) : reward.name;
    case 'free_shipping':
      return t('reward.freeShipping');
    case 'pay_with_points':
      return t('reward.payWithPoints');
    default:
      return reward.name;
  }
}
