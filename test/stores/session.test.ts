import { expect } from '@open-wc/testing';
import { $session, getToken, identify, signOut } from '../../src/stores/session.js';
import { clock, configureForTests, resetSdk, tokenFor, useBackend, captureWarnings } from '../helpers/backend.js';

describe('session', () => {
  beforeEach(async () => {
    await useBackend();
    await resetSdk();
    configureForTests();
  });

  it('signs in with a token and reads its subject and expiry', async () => {
    const token = await tokenFor();
    await identify(token);
    const state = $session.get();
    expect(state.status).to.equal('identified');
    if (state.status === 'identified') {
      expect(state.subject).to.equal('m_demo_ana');
      expect(state.expiresAt).to.equal(Math.floor(clock.now() / 1000) * 1000 + 300_000);
    }
    expect(await getToken()).to.equal(token);
    signOut();
    expect(await getToken()).to.equal(null);
  });

  it('treats an already expired token as signed out, with a warning', async () => {
    const token = await tokenFor(undefined, { iatOffset: -400 });
    const warnings = captureWarnings();
    try {
      await identify(token);
    } finally {
      warnings.restore();
    }
    expect($session.get().status).to.equal('anonymous');
    expect(warnings.messages[0]).to.match(/^\[fidelio\] the customer token .* expired/);
  });

  it('calls the provider again shortly before the token expires', async () => {
    let calls = 0;
    await identify(async () => {
      calls++;
      return tokenFor();
    });
    expect(calls).to.equal(1);
    clock.advance(200_000);
    await getToken();
    expect(calls).to.equal(1);
    clock.advance(80_000); // 20 s left: renew now rather than send a dying token
    await getToken();
    expect(calls).to.equal(2);
  });

  it('shares one provider call between concurrent requests', async () => {
    let calls = 0;
    await identify(async () => (calls++, tokenFor()));
    await Promise.all([getToken(true), getToken(true), getToken(true)]);
    expect(calls).to.equal(2);
  });

  it('renews a refused token once, also for the calls that were refused it a moment later', async () => {
    let calls = 0;
    await identify(async () => (calls++, tokenFor(undefined, { lifetime: 300 - calls })));
    const refused = (await getToken())!;
    const renewed = (await getToken(refused))!;
    expect(renewed).not.to.equal(refused);
    // Another call sent with the old token meets its 401 after the renewal: it gets the new one.
    expect(await getToken(refused)).to.equal(renewed);
    expect(calls).to.equal(2);
    // A refusal of the current token still asks the provider.
    expect(await getToken(renewed)).not.to.equal(renewed);
    expect(calls).to.equal(3);
  });

  it('signs out, without throwing, when the provider fails', async () => {
    const warnings = captureWarnings();
    try {
      await identify(async () => {
        throw new Error('merchant session ended');
      });
    } finally {
      warnings.restore();
    }
    expect($session.get().status).to.equal('anonymous');
    expect(warnings.messages[0]).to.contain('merchant session ended');
  });
});
