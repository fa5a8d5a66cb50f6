import { FidelioCouponField } from './coupon-field.component.js';

export { FidelioCouponField };
FidelioCouponField.define('fidelio-coupon-field');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-coupon-field': FidelioCouponField;
  }
}
