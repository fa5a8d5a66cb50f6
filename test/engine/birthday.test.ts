import { expect } from '@open-wc/testing';
import { enrollMember, memberPoints } from '../../src/engine/index.js';
import { birthdayStatus, changeBirthday, claimBirthdayReward, emptyBirthdayState, validateBirthdayConfig } from '../../src/engine/birthday.js';
import { T0, days, world, rejects } from './fixtures.js';


const at = (iso: string) => Date.parse(iso);

function withBirthday(day: number, month: number, year?: number) {
  const { state } = world();
  const { member } = enrollMember(state, 'shop', { email: 'bo@example.com', birthday: year === undefined ? { day, month } : { day, month, year } }, T0);
  return { state, member: member.id, slice: emptyBirthdayState() };
}

describe('birthday reward', () => {
  it('awards 200 points once in the birthday month, and refuses other months with a reason', () => {
    const { state, member } = withBirthday(14, 5, 1990);
    expect(claimBirthdayReward(state, 'shop', member, at('2026-04-30T23:59:59Z'))).to.deep.equal({ ok: false, reason: 'not_birthday_month', params: { month: 5 } });
    expect(claimBirthdayReward(state, 'shop', member, at('2026-05-02T09:00:00Z'))).to.deep.equal({ ok: true, pointsAwarded: 200 });
    expect(claimBirthdayReward(state, 'shop', member, at('2026-05-20T09:00:00Z'))).to.deep.equal({ ok: false, reason: 'already_claimed', params: { year: 2026 } });
    expect(memberPoints(state, 'shop', member, at('2026-05-20T09:00:00Z')).summary.available).to.equal(300); // 100 for joining
    expect(claimBirthdayReward(state, 'shop', member, at('2027-05-01T00:00:00Z')).ok).to.equal(true);
  });

  it('celebrates a 29 February birthday in February, in leap and other years', () => {
    const { state, member } = withBirthday(29, 2);
    expect(claimBirthdayReward(state, 'shop', member, at('2027-02-28T12:00:00Z'))).to.deep.equal({ ok: true, pointsAwarded: 200 });
    expect(claimBirthdayReward(state, 'shop', member, at('2028-02-29T12:00:00Z')).ok).to.equal(true);
    expect(claimBirthdayReward(state, 'shop', member, at('2029-03-01T00:00:00Z'))).to.deep.include({ ok: false, reason: 'not_birthday_month' });
  });

  it('refuses without a birthday or without a birthday reward', () => {
    const { state, member } = world();
    expect(claimBirthdayReward(state, 'shop', member, T0)).to.deep.equal({ ok: false, reason: 'no_birthday', params: {} });
    const bare = world({ actions: [] });
    expect(claimBirthdayReward(bare.state, 'shop', bare.member, T0)).to.deep.include({ ok: false, reason: 'no_reward' });
  });

  it('lets the birthday change at most once per 365 days', () => {
    const { state, member, slice } = withBirthday(14, 5);
    const changed = changeBirthday(state, slice, 'shop', member, { day: 3, month: 3 }, T0);
    expect(changed).to.deep.include({ changed: true, nextChangeAt: T0 + days(365) });
    expect(state.members[member]!.birthday).to.deep.equal({ day: 3, month: 3 });
    const error = rejects(() => changeBirthday(state, slice, 'shop', member, { day: 4, month: 4 }, T0 + days(364)));
    expect(error.code).to.equal('validation');
    expect(error.params).to.deep.equal({ field: 'birthday', nextChangeOn: new Date(T0 + days(365)).toISOString() });
    // the same date again is not a change
    expect(changeBirthday(state, slice, 'shop', member, { day: 3, month: 3 }, T0 + days(10)).changed).to.equal(false);
    expect(changeBirthday(state, slice, 'shop', member, { day: 4, month: 4 }, T0 + days(365)).changed).to.equal(true);
    expect(rejects(() => changeBirthday(state, slice, 'shop', member, { day: 31, month: 4 }, T0 + days(800))).code).to.equal('invalid_birthday');
  });

  it('cannot collect twice in a year by moving the birthday', () => {
    const { state, member, slice } = withBirthday(2, 3);
    expect(claimBirthdayReward(state, 'shop', member, T0).ok).to.equal(true); // 2 March 2026
    changeBirthday(state, slice, 'shop', member, { day: 10, month: 7 }, T0 + days(1));
    expect(claimBirthdayReward(state, 'shop', member, at('2026-07-10T10:00:00Z'))).to.deep.include({ ok: false, reason: 'already_claimed' });
    expect(birthdayStatus(state, slice, 'shop', member, at('2026-07-10T10:00:00Z'))).to.deep.include({ inBirthdayMonth: true, claimedThisYear: true, claimable: false });
  });

  it('validates its configuration', () => {
    expect(validateBirthdayConfig({ changeCooldownDays: -1 })).to.deep.equal(['birthday.changeCooldownDays must be an integer between 0 and 3660']);
    expect(validateBirthdayConfig({ changeCooldownDays: 365 })).to.deep.equal([]);
  });
});
