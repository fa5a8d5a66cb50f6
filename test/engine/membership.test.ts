import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { addMonths } from '../../src/core/clock.js';
import { EngineError } from '../../src/engine/index.js';
import {
  benefitsAt, cancelMembership, chargeFailed, chargeSucceeded, emptyMembershipState, membershipAt, NO_BENEFITS, startTrial, subscribe, validateMembershipConfig,
  type MembershipConfig, type MembershipState,
} from '../../src/engine/membership.js';
import { T0, days, world, rejects } from './fixtures.js';

const config: MembershipConfig = {
  graceDays: 7,
  plans: [
    { id: 'plus', name: 'Plus', fee: 999, period: 'month', trialDays: 30, benefits: { earnMultiplier: 2, freeShipping: true, memberPrices: true } },
    { id: 'annual', name: 'Plus yearly', fee: 9900, period: 'year', trialDays: 0, benefits: { earnMultiplier: 2, freeShipping: true, memberPrices: false } },
  ],
};


function setup() {
  const { state, member } = world();
  const slice: MembershipState = emptyMembershipState();
  return { state, member, slice };
}

describe('paid membership', () => {
  it('a 30-day trial ends by itself → expired without subscribing', () => {
    const { state, member, slice } = setup();
    expect(membershipAt(slice, member, T0).status).to.equal('none');
    const trial = startTrial(state, slice, 'shop', member, config, 'plus', T0);
    expect(trial).to.deep.include({ status: 'trial', planId: 'plus', trialEndsOn: T0 + days(30), renewsOn: null, endsOn: T0 + days(30), trialUsed: true });
    expect(benefitsAt(slice, member, T0 + days(29))).to.deep.equal({ earnMultiplier: 2, freeShipping: true, memberPrices: true });
    const after = membershipAt(slice, member, T0 + days(30));
    expect(after).to.deep.include({ status: 'expired', endsOn: T0 + days(30) });
    expect(after.benefits).to.deep.equal(NO_BENEFITS);
  });

  it('allows one trial per member, ever', () => {
    const { state, member, slice } = setup();
    startTrial(state, slice, 'shop', member, config, 'plus', T0);
    expect(rejects(() => startTrial(state, slice, 'shop', member, config, 'plus', T0 + days(1))).params).to.deep.include({ reason: 'trial_used' });
    expect(rejects(() => startTrial(state, slice, 'shop', member, config, 'plus', T0 + days(90))).params).to.deep.include({ reason: 'trial_used' });
  });

  it('converts a trial: the first charge is due at its end, then monthly from that anchor', () => {
    const { state, member, slice } = setup();
    startTrial(state, slice, 'shop', member, config, 'plus', T0);
    const subscribed = subscribe(state, slice, 'shop', member, config, 'plus', T0 + days(10));
    expect(subscribed).to.deep.include({ status: 'trial', renewsOn: T0 + days(30), endsOn: null });
    const paid = chargeSucceeded(state, slice, 'shop', member, 'ch_1', T0 + days(30));
    expect(paid).to.deep.include({ status: 'active', renewsOn: addMonths(T0 + days(30), 1) });
    // the same charge reported twice counts once
    expect(chargeSucceeded(state, slice, 'shop', member, 'ch_1', T0 + days(31)).renewsOn).to.equal(addMonths(T0 + days(30), 1));
  });

  it('past_due after a failed charge, benefits through the grace period, then expired', () => {
    const { state, member, slice } = setup();
    const started = subscribe(state, slice, 'shop', member, config, 'plus', T0);
    expect(started).to.deep.include({ status: 'active', renewsOn: addMonths(T0, 1) });
    const due = addMonths(T0, 1);
    const failed = chargeFailed(state, slice, 'shop', member, 'ch_1', due);
    expect(failed).to.deep.include({ status: 'past_due', graceEndsOn: due + days(7), lastFailedAt: due });
    expect(benefitsAt(slice, member, due + days(6)).earnMultiplier).to.equal(2);
    expect(membershipAt(slice, member, due + days(7))).to.deep.include({ status: 'expired', endsOn: due + days(7) });
    expect(benefitsAt(slice, member, due + days(7))).to.deep.equal(NO_BENEFITS);
    expect(rejects(() => chargeSucceeded(state, slice, 'shop', member, 'ch_2', due + days(8))).params).to.deep.include({ reason: 'expired' });
  });

  it('a late payment inside the grace period keeps the billing anchor', () => {
    const { state, member, slice } = setup();
    subscribe(state, slice, 'shop', member, config, 'plus', T0);
    const due = addMonths(T0, 1);
    chargeFailed(state, slice, 'shop', member, 'ch_1', due);
    const paid = chargeSucceeded(state, slice, 'shop', member, 'ch_2', due + days(3));
    expect(paid).to.deep.include({ status: 'active', renewsOn: addMonths(T0, 2), lastFailedAt: null });
  });

  it('cancels at the end of the paid period; can resume before it; past due ends at once', () => {
    const { state, member, slice } = setup();
    subscribe(state, slice, 'shop', member, config, 'annual', T0);
    const end = addMonths(T0, 12);
    const cancelled = cancelMembership(state, slice, 'shop', member, T0 + days(100));
    expect(cancelled).to.deep.include({ status: 'active', cancelledAt: T0 + days(100), endsOn: end, renewsOn: null });
    expect(benefitsAt(slice, member, end - 1).freeShipping).to.equal(true);
    expect(membershipAt(slice, member, end).status).to.equal('cancelled');
    expect(benefitsAt(slice, member, end)).to.deep.equal(NO_BENEFITS);
    // resume before the end
    const resumed = subscribe(state, slice, 'shop', member, config, 'annual', T0 + days(200));
    expect(resumed).to.deep.include({ status: 'active', cancelledAt: null, renewsOn: end });

    const other = setup();
    subscribe(other.state, other.slice, 'shop', other.member, config, 'plus', T0);
    const due = addMonths(T0, 1);
    chargeFailed(other.state, other.slice, 'shop', other.member, 'f1', due + 1);
    expect(cancelMembership(other.state, other.slice, 'shop', other.member, due + days(2))).to.deep.include({ status: 'cancelled', endsOn: due + days(2) });
    expect(rejects(() => cancelMembership(other.state, other.slice, 'shop', other.member, due + days(3))).params).to.deep.include({ reason: 'not_member' });
  });

  it('cancelling a trial ends it at the trial end, not before', () => {
    const { state, member, slice } = setup();
    startTrial(state, slice, 'shop', member, config, 'plus', T0);
    expect(cancelMembership(state, slice, 'shop', member, T0 + days(5))).to.deep.include({ status: 'trial', endsOn: T0 + days(30) });
    expect(membershipAt(slice, member, T0 + days(30)).status).to.equal('cancelled');
  });

  it('derives the status at any time from the events; re-subscribing after a lapse starts a paid period', () => {
    const { state, member, slice } = setup();
    startTrial(state, slice, 'shop', member, config, 'plus', T0);
    subscribe(state, slice, 'shop', member, config, 'plus', T0 + days(40));
    expect(membershipAt(slice, member, T0 + days(35)).status).to.equal('expired');
    expect(membershipAt(slice, member, T0 + days(40))).to.deep.include({ status: 'active', renewsOn: addMonths(T0 + days(40), 1) });
    expect(membershipAt(slice, member, T0 - 1).status).to.equal('none');
    expect(rejects(() => subscribe(state, slice, 'shop', member, config, 'plus', T0 + days(41))).params).to.deep.include({ reason: 'already_member' });
    expect(rejects(() => chargeFailed(state, slice, 'shop', member, 'late', T0 + days(20))).params).to.deep.include({ field: 'at' });
  });

  it('validates plans, naming each field', () => {
    expect(validateMembershipConfig({ graceDays: -1, plans: [{ id: 'a', name: '', fee: 0, period: 'week', trialDays: 30, benefits: { earnMultiplier: 0.5, freeShipping: 'yes', memberPrices: true } }] })).to.deep.equal([
      'membership.graceDays must be an integer ≥ 0',
      'membership.plans[0].name is required',
      'membership.plans[0].fee must be a positive integer of minor units',
      "membership.plans[0].period must be 'month' or 'year'",
      'membership.plans[0].benefits.earnMultiplier must be between 1 and 10',
      'membership.plans[0].benefits.freeShipping must be true or false',
    ]);
    expect(validateMembershipConfig(config)).to.deep.equal([]);
  });

  it('property: benefits only while trial, active or past due; past due never outlasts the grace', () => {
    const action = fc.record({ kind: fc.constantFrom('trial', 'subscribe', 'ok', 'fail', 'cancel'), gap: fc.integer({ min: 0, max: 45 }) });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 15 }), (actions) => {
        const { state, member, slice } = setup();
        let t = T0;
        let n = 0;
        for (const a of actions) {
          t += days(a.gap);
          try {
            if (a.kind === 'trial') startTrial(state, slice, 'shop', member, config, 'plus', t);
            else if (a.kind === 'subscribe') subscribe(state, slice, 'shop', member, config, 'plus', t);
            else if (a.kind === 'ok') chargeSucceeded(state, slice, 'shop', member, `c${n++}`, t);
            else if (a.kind === 'fail') chargeFailed(state, slice, 'shop', member, `c${n++}`, t);
            else cancelMembership(state, slice, 'shop', member, t);
          } catch (error) {
            expect(error).to.be.instanceOf(EngineError);
          }
          for (const probe of [t, t + days(3), t + days(10)]) {
            const view = membershipAt(slice, member, probe);
            const running = view.status === 'trial' || view.status === 'active' || view.status === 'past_due';
            expect(view.benefits.earnMultiplier === 2).to.equal(running);
            if (view.status === 'past_due') expect(probe).to.be.below(view.graceEndsOn!);
          }
        }
        expect(slice.members[member]?.events.filter((e) => e.type === 'trial').length ?? 0).to.be.at.most(1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('paid membership on the store’s calendar (ProgramConfig.timeZone)', () => {
  const at = (iso: string) => Date.parse(iso);
  const laShop = (timeZone?: string) => {
    const { state, member } = world(timeZone ? { timeZone } : {});
    return { state, member, slice: emptyMembershipState() };
  };

  it('renews a monthly plan bought on 30 January 23:30 in Los Angeles (31 January in UTC, after the member joined) on 28 February there, not the 27th', () => {
    const { state, member, slice } = laShop('America/Los_Angeles');
    const bought = at('2027-01-31T07:30:00Z');
    expect(subscribe(state, slice, 'shop', member, config, 'plus', bought).renewsOn).to.equal(at('2027-03-01T07:30:00Z'));
    // still active through 28 February in Los Angeles; due (past due, in its grace) from 23:30 that day
    expect(membershipAt(slice, member, at('2027-03-01T07:30:00Z') - 1, 'America/Los_Angeles').status).to.equal('active');
    expect(membershipAt(slice, member, at('2027-03-01T07:30:00Z'), 'America/Los_Angeles').status).to.equal('past_due');
    // the earn multiplier the engine gives orders on 28 February evening there follows it
    expect(benefitsAt(slice, member, at('2027-03-01T06:00:00Z'), 'America/Los_Angeles').earnMultiplier).to.equal(2);
    // the next period from the same anchor: 30 March 23:30 there (summer time: 06:30 UTC)
    chargeSucceeded(state, slice, 'shop', member, 'ch-1', at('2027-03-01T07:30:00Z'));
    expect(membershipAt(slice, member, at('2027-03-01T08:00:00Z'), 'America/Los_Angeles').renewsOn).to.equal(at('2027-03-31T06:30:00Z'));
  });

  it('keeps the UTC sum, to the millisecond, for a store in UTC', () => {
    const { state, member, slice } = laShop();
    const bought = at('2027-01-31T07:30:00Z');
    expect(subscribe(state, slice, 'shop', member, config, 'annual', bought).renewsOn).to.equal(addMonths(bought, 12));
    expect(membershipAt(slice, member, bought).renewsOn).to.equal(addMonths(bought, 12));
  });
});
