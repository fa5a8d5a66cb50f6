/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: src/contract/openapi.yaml (Fidelio REST contract, OpenAPI 3.1).
 * Regenerate with `npm run contract` (scripts/gen-contract.mjs, openapi-typescript).
 * Import friendly aliases from ./types.ts instead of this file.
 */

export interface paths {
    "/v1/programs/{programId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * Get the public rules of a loyalty program.
         * @description Returns everything the widgets need to explain the program to a shopper: earn rate,
         *     return window, expiry policy, point value, joining incentive, actions, reward catalog,
         *     referral terms, tiers and other program types. Public and cacheable; no authentication.
         */
        get: operations["getProgram"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enroll a shopper in the program.
         * @description Creates a member from the minimum data needed: an email, optionally a name and a birthday
         *     (for the birthday reward). Newsletter consent is a separate, explicit boolean and is never
         *     inferred. The joining incentive and, when a valid `referralCode` is given, the newcomer's
         *     welcome reward are granted here; `pointsAwarded` is their total.
         *
         *     Referral rules: a member cannot refer themselves (`self_referral`, also detected through
         *     `deviceId` and email aliases); a shopper who already ordered is not a new customer
         *     (`referral_existing_customer`); the referrer may have brought their monthly limit of
         *     friends already (`referral_cap_reached`). These come back inside the 201 answer
         *     (`referral.status: rejected` with its `code`): the member is enrolled either way. The response carries a short-lived customer token for the new
         *     member, equivalent to one signed by the merchant's server.
         *
         *     Idempotent on `Idempotency-Key`. An email that is already a member is `409 already_member`.
         */
        post: operations["enrollMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * Get the signed-in member with their derived points balance.
         * @description The member identified by the customer token's `sub`. `points` is derived from the point
         *     batches at request time (never a stored counter), including the next batch to become
         *     available and the next batch to expire.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the member's profile (the name shown in widgets and emails).
         * @description Partial update: only the fields sent change. `name` may be `null` to remove it; it must be at
         *     most 80 characters without `<` or `>` (`422 validation` with `params.field: name`). Setting
         *     the same value again changes nothing. Idempotent by nature. The email address is the
         *     merchant's sign-in identity and cannot be changed here.
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/v1/programs/{programId}/me/batches": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * List the member's point batches (the source of every balance).
         * @description Every grant of points is a batch with its own availability and expiry dates. The balance in
         *     `Member.points` is the sum of `remaining` over batches by status. Batches are returned
         *     oldest first (the order in which they are spent).
         */
        get: operations["listPointBatches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/activity": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * Page through the member's points history, newest first.
         * @description A ledger of signed point movements (earn, pending, redeem, expire, return, adjust,
         *     clawback). Cursor-paginated: pass `nextCursor` back as `cursor` until it is `null`.
         *     Cursors are opaque.
         */
        get: operations["listActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/cart/preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview the points a cart would earn and the discount of its coupon.
         * @description Pure computation, nothing is stored. Points are computed on the subtotal after discounts,
         *     with promotions (e.g. double points items) and the member's tier multiplier applied when a
         *     customer token is sent. `pendingDays` tells the shopper when the points become available.
         *     If `couponCode` is set and valid, `discount` is its discount; an invalid coupon does not
         *     fail the preview (validate it with `validateCoupon` to get the reason).
         */
        post: operations["previewCart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/coupons/validate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a coupon code against a cart and compute its discount.
         * @description Codes are matched case-insensitively after trimming. A valid coupon returns its discount in
         *     total and per cart line. A rejected coupon is a `422` Problem with a `coupon_*` code and
         *     `params` the widget uses to explain the rejection:
         *
         *     | code | params |
         *     |---|---|
         *     | `coupon_not_found` | `reason` (optional): `currency` when the code exists but not for the cart's currency |
         *     | `coupon_expired` | `expiredOn` (date-time) — expired coupons are always rejected |
         *     | `coupon_not_active` | `startsOn` (date-time) |
         *     | `coupon_min_spend` | `minSpend`, `missing` (Money) |
         *     | `coupon_excluded_items` | `excluded` ([{id, reason: brand/category/product, value}]) — every line is excluded |
         *     | `coupon_usage_limit` | `limit` (integer), `scope` (`total` or `customer`) |
         *     | `coupon_members_only` | — (send a customer token of the member the code belongs to) |
         *     | `coupon_already_applied` | `other` (optional): the code already on the order that this one cannot be combined with |
         *
         *     Repeated failed attempts are throttled against code guessing: `429` with code
         *     `too_many_attempts`, `params.retryAfter` (seconds) and a `Retry-After` header. A server
         *     counts them per member when a token is sent and otherwise per client (its address); the
         *     SDK sends nothing else to tell visitors apart.
         *     Validating does not consume a use; the use is counted when the order is recorded.
         */
        post: operations["validateCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * List the member's redemptions (their reward coupons), newest first.
         * @description Every reward the member redeemed, with its coupon and what became of it: `issued` (usable
         *     until `coupon.expiresAt`), `used` on an order, or `cancelled` (the points came back). The
         *     member panel shows the unused, unexpired ones with their codes.
         */
        get: operations["listRedemptions"];
        put?: never;
        /**
         * Spend points on a catalog reward and receive a single-use coupon.
         * @description Deducts the reward's point cost from **available** points only (pending points cannot be
         *     spent), oldest batches first, and issues a member-only, single-use coupon for the checkout.
         *     If `cart` is given, the coupon's discount is computed for it and the reward's minimum spend
         *     is checked. Not enough available points is `422 insufficient_points` with
         *     `params.required` and `params.available`. Idempotent on `Idempotency-Key`: a retried
         *     request never spends points twice.
         */
        post: operations["redeemReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/redemptions/{redemptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The redemption's id. */
                redemptionId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Cancel an unused redemption; its coupon stops working and the points come back.
         * @description For a shopper who changes their mind before placing the order. Cancelling again answers
         *     with the same result. A coupon already used on an order is `409 conflict`.
         */
        delete: operations["cancelRedemption"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/referral": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * Get the member's referral code, share link and funnel stats.
         * @description The referrer is rewarded (`ProgramSummary.referral.referrerPoints`) when the referred
         *     friend's first order passes the return window; until then it counts as `pending`.
         */
        get: operations["getReferral"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a non-purchase action (share, review…) that may earn points.
         * @description Awards the points of the matching `ProgramSummary.actions` rule. Actions are capped so they
         *     cannot be farmed: once the cap is reached the call succeeds with `pointsAwarded: 0` and
         *     `capped: true`. The same `ref` (e.g. the reviewed product or shared URL) is only rewarded
         *     once. Idempotent on `Idempotency-Key`.
         */
        post: operations["recordMemberEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * Get the member's email consents and language.
         * @description `newsletter` is the explicit promotional opt-in; `statement` is the monthly points
         *     statement and expiry reminders. A member who opted out is never emailed that kind of mail.
         *     `locale` is the language the member's emails are written in.
         */
        get: operations["getPreferences"];
        /**
         * Replace the member's email consents.
         * @description Full replacement (both fields required). Idempotent by nature. The consent change is
         *     recorded with its time for audit; opting in to the newsletter may award the `newsletter`
         *     action points once. An optional `locale` changes the language of the member's emails from
         *     now on (the member panel sends the page's language when it opens in another one, and with
         *     every change of consents).
         */
        put: operations["updatePreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One-click unsubscribe from the link carried by every email.
         * @description The `token` is the opaque, signed value embedded in every email's unsubscribe link;
         *     no sign-in is needed. A newsletter's link leaves the newsletter (`from: newsletter`, the
         *     default: ends with `newsletter: false`); the link in the program's account emails (welcome,
         *     monthly statement, expiry reminder) carries `from=statement` and turns off the monthly
         *     statement and expiry reminders (ends with `statement: false`, the newsletter untouched).
         *     Repeating it is harmless. The email in the response is masked (e.g. `j***@example.com`).
         *     An unknown or tampered token is `404 not_found`.
         */
        post: operations["unsubscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a placed order and grant its (pending) points.
         * @description Called by the merchant's server when an order is placed. Identifies the member by
         *     `memberId` or `email` (at least one). Points are computed from `subtotal − discounts`
         *     (shipping and tax never earn), with promotions, tier multiplier and caps applied, and are
         *     granted as a **pending** batch that becomes available after the return window. Also
         *     counts coupon uses, punch-card punches, tier/spend progress, and the first-order referral
         *     reward. An order for an email that is not a member earns nothing but still counts for
         *     KPIs (`status: not_member`).
         *
         *     Idempotent on `orderId`: posting the same order again returns the original result with
         *     `200`; the same `orderId` with a different body is `409 conflict`.
         */
        post: operations["recordOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/orders/{orderId}/returns": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The merchant's order id, as sent to `recordOrder`. */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a (partial) return and reverse the points it earned.
         * @description Give either `lines` (returned quantities per order line) or `amount` (refunded minor
         *     units), not both. The order keeps the points its kept goods earn, counted as the order
         *     was (the same promotions and multiplier; amounts returned without lines reduce them in
         *     proportion, rounded down); returning every unit, at once or one at a time, takes every
         *     point. While the order's points are still pending they are simply reversed; points already
         *     spent are clawed back from the member's other points, available first, then pending (never
         *     below zero — the shortfall is reported as `uncollected` and paid by the next points
         *     earned). Returns by `amount` and by `lines` count as different goods: describe one order's
         *     returns one way (an amount refunded for goods later returned by line would count twice).
         *     A line id the order lists more than once gives back its dearest units first (the same
         *     return reads the same whatever order the lines were listed in). Idempotent on `returnId`.
         */
        post: operations["recordReturn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * Compute the program's KPIs over a period.
         * @description All KPIs are computed exactly as defined on `ProgramKpis`, over orders placed in
         *     `[from, to)`. Rates are fractions (0.1 = 10%). Defaults to the last 12 months.
         */
        get: operations["getKpis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/demo/session": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a customer token for a demo shopper (reference mock backend only).
         * @description **Demo only.** Present in the reference mock backend so the demo page can sign a shopper in
         *     without a merchant server. It stands in for the merchant server signing a `customerToken`.
         *     A real backend must not implement it. With an `email` the token's `sub` is that email
         *     (whether or not it is a member yet); without one, a fresh demo shopper is used.
         */
        post: operations["createDemoSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/membership": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start the free trial of a paid membership plan, or subscribe to it.
         * @description `action: trial` starts the plan's free trial (one per member, ever; not while a membership
         *     runs). `action: subscribe` during a trial keeps the membership going with the first charge
         *     due when the trial ends; inside a cancelled but still running period it resumes the same
         *     plan; otherwise it starts a paid period now (the merchant's checkout took the first fee).
         *     Refusals are `409 conflict` with `params.reason`: `trial_used`, `already_member`,
         *     `other_plan`. A plan without a trial is `422 validation`; an unknown plan `404 not_found`.
         */
        post: operations["startMembership"];
        /**
         * Cancel the paid membership at the end of the paid period or trial.
         * @description Benefits continue until `endsOn` (the end of the paid period or trial); a past-due
         *     membership ends at once. Cancelling again answers with the first cancellation. Without a
         *     running membership: `409 conflict` with `params.reason: not_member`.
         */
        delete: operations["cancelMembership"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/members/{memberId}/membership/charges": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The member's id. */
                memberId: components["parameters"]["MemberId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report the outcome of a membership renewal charge (merchant's payment provider).
         * @description The backend charges nothing itself: the merchant's server reports each renewal charge.
         *     `succeeded` adds one period from the renewal date; `failed` makes the membership past due
         *     (benefits kept through the plan's grace days, then it expires). The same `chargeId` twice
         *     counts once. A membership that does not renew, or has lapsed, is `409 conflict` with
         *     `params.reason` `not_subscribed` or `expired`.
         */
        post: operations["recordMembershipCharge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/members/{memberId}/store-credit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The member's id. */
                memberId: components["parameters"]["MemberId"];
            };
            cookie?: never;
        };
        /**
         * A member's store credit, for the merchant's checkout.
         * @description What the merchant's server reads before offering store credit as a way to pay: what can
         *     be spent now (`available`), what is still in its orders' return window (`pending`, and
         *     when the next part of it becomes available), and what returns took back after the credit
         *     was spent (`owed`, taken from credit earned later). A year-end rebate that has come due is
         *     paid as it is read. An unknown member is `404 not_found`; a program without cashback is
         *     `409 conflict` (`params.reason`: `no_cashback`).
         */
        get: operations["getStoreCredit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/members/{memberId}/store-credit/debits": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The member's id. */
                memberId: components["parameters"]["MemberId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Spend a member's store credit at checkout.
         * @description Called by the merchant's server when a member pays (part of) an order with their store
         *     credit (cashback and year-end rebates; a rebate that has come due is paid first). Only
         *     available credit can be spent, not credit still in its return window: more is `422
         *     insufficient_credit` (`params.available`); another currency is `422 validation`; a program
         *     without cashback is `409 conflict`. Idempotent on `Idempotency-Key`: a retried debit never
         *     takes credit twice.
         */
        post: operations["debitStoreCredit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/members/{memberId}/store-credit/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The member's id. */
                memberId: components["parameters"]["MemberId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put back store credit an order spent (the order was cancelled or refunded).
         * @description Called by the merchant's server when an order paid (partly) with store credit is
         *     cancelled or refunded: names the debit (`debitId` from its `201`) and, for a partial
         *     refund, the `amount` to put back; without `amount`, all that is left of the debit comes
         *     back. More than is left of the debit is `422 validation` (`params.refundable`, minor
         *     units); another member's or an unknown debit is `404 not_found`. The credit is available
         *     again at once. Idempotent on `Idempotency-Key`: a retried refund puts credit back once.
         */
        post: operations["refundStoreCredit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/gift-cards": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a gift card with a code and a value.
         * @description Called by the merchant's server when a gift card is sold. The code is 8–32 letters and
         *     digits (spaces and dashes are ignored, case-insensitive). Without `expiresAt` the card
         *     expires after the program's `giftCards.expiryDays` (or never); `null` means never. Issuing
         *     the same code again with the same value and expiry answers with the card (`200`); with
         *     anything else it is `409 conflict`. A value above `giftCards.maxValue` is `422 validation`.
         */
        post: operations["issueGiftCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/gift-cards/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The gift card code (spaces and dashes ignored, case-insensitive). */
                code: components["parameters"]["GiftCardCode"];
            };
            cookie?: never;
        };
        /**
         * Check a gift card's balance and status.
         * @description Public: knowing the code is what lets a shopper check it (a backend should rate-limit this
         *     per client). The balance is derived from the card's debits and refunds. An unknown code is
         *     `404 not_found`.
         */
        get: operations["getGiftCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/gift-cards/{code}/debits": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The gift card code (spaces and dashes ignored, case-insensitive). */
                code: components["parameters"]["GiftCardCode"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take an amount off a gift card at checkout (partial use allowed).
         * @description Called by the merchant's server when an order is paid (partly) with a gift card. With
         *     `allowPartial`, a card holding less than `amount` gives what it has (`debited` says how
         *     much; the checkout splits the rest). Refusals: another currency `422 validation`, an
         *     expired card `422 expired` (`params.expiredOn`), too little balance `422
         *     insufficient_balance` (`params.balance`). Idempotent on `Idempotency-Key`: a retried debit
         *     never takes money twice; a refused debit is not remembered.
         */
        post: operations["debitGiftCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/gift-cards/{code}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The gift card code (spaces and dashes ignored, case-insensitive). */
                code: components["parameters"]["GiftCardCode"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put money an order took off a gift card back on it.
         * @description Called by the merchant's server when an order paid (partly) with a gift card is cancelled
         *     or refunded: names the debit (`debitId` from its `201`) and, for a partial refund, the
         *     `amount`; without `amount`, all that is left of the debit goes back. More than is left of
         *     the debit is `422 validation` (`params.refundable`, Money); a debit of another card or an
         *     unknown one is `404 not_found`; another currency is `422 validation`. Allowed on an
         *     expired card (the money is the customer's; the store decides how to pay it out).
         *     Idempotent on `Idempotency-Key`: a retried refund moves money once.
         */
        post: operations["refundGiftCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/birthday-reward": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim the birthday reward during the member's birthday month.
         * @description Awards the program's `birthday` action points, once per calendar year, only in the
         *     member's birthday month (on the store's calendar, its `timeZone`). Refusals are `409 conflict` with `params.reason`:
         *     `no_birthday` (none given), `not_birthday_month` (with `params.month`, 1–12),
         *     `already_claimed` (with `params.year`), `no_reward` (the program gives none).
         */
        post: operations["claimBirthdayReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/birthday": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Set or change the member's birthday (at most once a year).
         * @description So that the date cannot be moved around to collect the reward again, a birthday may be
         *     changed at most once per `changeCooldownDays` (365); the date given when joining does not
         *     count. Too soon is `422 validation` with `params.field: birthday` and
         *     `params.nextChangeOn`; not a date is `422 invalid_birthday`. Setting the same date again
         *     changes nothing (`changed: false`).
         */
        put: operations["changeBirthday"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * Download everything the program holds about the member, as one JSON document.
         * @description Data portability: the profile, email consents, every point batch, the whole activity
         *     history, redemptions and orders, assembled on the server (so it is complete even for a
         *     history of thousands of entries). The member panel offers it as a file download.
         */
        get: operations["exportMyData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/me/deletion-request": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for the member's account and data to be deleted.
         * @description Records the request; the merchant deletes the account (points, history, consents) within
         *     the legal period and confirms by email. Asking again answers with the first request.
         *     Nothing is deleted at once, so a shopper who changes their mind can contact the merchant.
         */
        post: operations["requestDeletion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/demo/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        /**
         * List the emails the backend would have sent (reference mock backend only).
         * @description **Demo only.** The reference backend writes the program's emails (welcome, monthly
         *     statement, expiry reminder, newsletter) into an outbox instead of sending them; the
         *     scheduler runs after every write and on this read, with the request's origin as the shop
         *     page that handles unsubscribe links. Newest first. A real backend must not implement it.
         */
        get: operations["listDemoOutbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/demo/time-travel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move the backend's clock forward (reference mock backend only).
         * @description **Demo only.** Moves the reference backend's clock `days` forward so the demo can show
         *     pending points ripening, points expiring, trials ending and monthly statements. Time never
         *     goes back (a reset of the mock does that). A real backend must not implement it.
         */
        post: operations["demoTimeTravel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An amount of money in minor units (e.g. cents) of an ISO 4217 currency. */
        Money: {
            /**
             * @description Amount in minor units; negative only where a field says so.
             * @example 1000
             */
            amount: number;
            currency: components["schemas"]["CurrencyCode"];
        };
        /**
         * @description ISO 4217 alphabetic currency code.
         * @example USD
         */
        CurrencyCode: string;
        /** @description Day and month of birth; the year is optional (only day and month are used). */
        Birthday: {
            day: number;
            month: number;
            year?: number;
        };
        /** @description Selects cart items by brand, category or product id (empty lists select nothing). */
        ItemSelector: {
            brands?: string[];
            categories?: string[];
            products?: string[];
        };
        /** @description RFC 9457 problem details with a stable machine `code`. */
        Problem: {
            /** @description URI identifying the problem type. */
            type: string;
            /** @description Short human summary (not for parsing). */
            title: string;
            status: number;
            /** @description Human explanation of this occurrence. */
            detail?: string;
            /** @description URI of this occurrence. */
            instance?: string;
            /**
             * @description Stable machine code; clients switch on this.
             * @enum {string}
             */
            code: "unauthorized" | "forbidden" | "not_found" | "validation" | "conflict" | "rate_limited" | "server" | "coupon_not_found" | "coupon_expired" | "coupon_not_active" | "coupon_min_spend" | "coupon_excluded_items" | "coupon_usage_limit" | "coupon_members_only" | "coupon_already_applied" | "too_many_attempts" | "insufficient_points" | "already_member" | "self_referral" | "referral_existing_customer" | "referral_unknown_code" | "referral_cap_reached" | "invalid_email" | "invalid_birthday" | "expired" | "insufficient_balance" | "insufficient_credit";
            params?: components["schemas"]["ProblemParams"];
        };
        /**
         * @description Values for building a localized message. Known keys are listed; others may appear.
         *     Values are strings, numbers, booleans, arrays, or (for Money values) objects.
         */
        ProblemParams: {
            /**
             * Format: date-time
             * @description `coupon_expired`: when the coupon expired.
             */
            expiredOn?: string;
            /**
             * Format: date-time
             * @description `coupon_not_active`: when the coupon becomes usable.
             */
            startsOn?: string;
            minSpend?: components["schemas"]["Money"];
            missing?: components["schemas"]["Money"];
            /** @description `coupon_excluded_items`: the excluded cart lines. */
            excluded?: components["schemas"]["ExcludedItem"][];
            /** @description `coupon_usage_limit` / `referral_cap_reached`: the limit reached. */
            limit?: number;
            /**
             * @description `coupon_usage_limit`: which limit was reached.
             * @enum {string}
             */
            scope?: "total" | "customer";
            /** @description `too_many_attempts` / `rate_limited`: seconds to wait. */
            retryAfter?: number;
            /** @description `insufficient_points`: points the reward costs. */
            required?: number;
            /** @description `insufficient_points`: points available now. */
            available?: number;
            /** @description `invalid_email` / `invalid_birthday`: the offending field. */
            field?: string;
            /** @description `conflict`: why (e.g. `trial_used`, `already_member`, `not_birthday_month`, `already_claimed`). */
            reason?: string;
            balance?: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description `validation` on a birthday change: when it may be changed again.
             */
            nextChangeOn?: string;
            /** @description `validation`: one entry per failed rule. */
            errors?: components["schemas"]["ValidationIssue"][];
        } & {
            [key: string]: string | number | boolean | unknown[] | {
                [key: string]: unknown;
            };
        };
        ExcludedItem: {
            /** @description Cart line id. */
            id: string;
            /** @enum {string} */
            reason: "brand" | "category" | "product";
            /** @description The excluded brand, category or product id. */
            value: string;
        };
        ValidationIssue: {
            /** @description JSON Pointer into the request body (or `query.<name>` / `header.<name>`). */
            path: string;
            message: string;
        };
        /** @description The public rules of a program. Every number is configurable per program. */
        ProgramSummary: {
            id: string;
            name: string;
            currency: components["schemas"]["CurrencyCode"];
            /** @description The store's time zone (IANA, such as America/New_York; UTC when the program sets none). Its calendar years, months and days — tier and spend years, rebates, action caps (`capPeriod`), punch-card days, birthday months, referral months — begin at midnight there. */
            timeZone?: string;
            earn: components["schemas"]["EarnRule"];
            /**
             * @description Return window; points earned on an order stay pending this many days.
             * @default 30
             */
            pendingDays: number;
            expiry: components["schemas"]["ExpiryPolicy"];
            /** @description What one point is worth when redeemed (default $1, i.e. 10% back at 1 pt / $10). */
            pointValue: components["schemas"]["Money"];
            /** @description Bonus for joining, or `null` when there is none. */
            joinIncentive: components["schemas"]["JoinIncentive"] | null;
            /** @description Points for non-purchase actions, each capped against farming. */
            actions?: components["schemas"]["ActionRule"][];
            /** @description The reward catalog (few, clear choices). */
            rewards?: components["schemas"]["Reward"][];
            referral?: components["schemas"]["ReferralTerms"];
            /** @description VIP tiers, lowest first. */
            tiers?: components["schemas"]["Tier"][];
            /** @description Active and upcoming earn promotions (e.g. double points on some items). */
            promotions?: components["schemas"]["Promotion"][];
            cashback?: components["schemas"]["CashbackRule"];
            /** @description Rewards unlocked once yearly spend passes a level (e.g. a gift at $500). */
            spendLevels?: components["schemas"]["SpendLevel"][];
            punchCards?: components["schemas"]["PunchCardRule"][];
            /** @description Paid membership plans. */
            membershipPlans?: components["schemas"]["MembershipPlan"][];
            giftCards?: components["schemas"]["GiftCardTerms"];
            /** @description Buy-ahead cards (points now, a discount on the next orders). */
            buyAhead?: components["schemas"]["BuyAheadCard"][];
            /**
             * @description The merchant's own words (reward, tier, punch-card, membership-plan and promotion names) in other languages: per language tag (es, ro, zh-CN), the text as written in this answer mapped to its translation. A text without one is shown as written.
             * @example {
             *       "es": {
             *         "Silver": "Plata",
             *         "Potting mix card": "Tarjeta de sustrato"
             *       }
             *     }
             */
            translations?: {
                [key: string]: {
                    [key: string]: string;
                };
            };
        };
        /** @description `points` points per `perMinor` minor units spent (default 1 point per 1000 = $10). */
        EarnRule: {
            /** @example 1 */
            points: number;
            /** @example 1000 */
            perMinor: number;
        };
        /**
         * @description `fixed`: each grant of points expires `months` after it became available, counted on the
         *     store's calendar (30 January 23:30 in Los Angeles + 1 month: 28 February 23:30 there); `rolling`: all
         *     points expire `months` after the member's last activity, on the store's calendar too; `calendar`: each grant lasts
         *     until the end of the first `on` date (month and day, on the store's calendar) at least
         *     `months` after it became available, counted on that calendar too (`months` 12 and `on` 31 December: a year's points last
         *     until the end of the next year); `none`: points never expire (`months` is 0).
         */
        ExpiryPolicy: {
            /** @enum {string} */
            mode: "fixed" | "rolling" | "calendar" | "none";
            months: number;
            /** @description For `calendar`, the date each year on whose last moment points expire. */
            on?: {
                month: number;
                day: number;
            };
        };
        JoinIncentive: {
            points: number;
            /** @description Human text, e.g. "100 points and free shipping on your first order". */
            description?: string;
        };
        ActionRule: {
            /** @description Action type, e.g. `share`, `newsletter`, `review`, `birthday`, `social_follow`, `signup`. */
            type: string;
            points: number;
            /** @description Maximum number of times the action is rewarded per `capPeriod`. */
            cap?: number;
            /**
             * @default lifetime
             * @enum {string}
             */
            capPeriod?: "day" | "month" | "year" | "lifetime";
        };
        /**
         * @description A catalog reward bought with points; redeeming it yields a coupon. `pay_with_points` buys
         *     `stepValue` off the order for every `points` spent, in whole steps, up to `maxShare` of the
         *     cart's subtotal (send the cart, and optionally `steps`, when redeeming it); such a reward
         *     always carries its `stepValue` and `maxShare`.
         */
        Reward: {
            id: string;
            name: string;
            description?: string;
            /** @description Point cost (per step for `pay_with_points`). */
            points: number;
            /** @enum {string} */
            kind: "fixed" | "percent" | "free_shipping" | "free_product" | "pay_with_points";
            /** @description For `fixed`, the discount amount; for `free_product`, the product's value. */
            value?: components["schemas"]["Money"];
            /** @description For `free_product`, the product given. */
            productId?: string;
            /** @description For `pay_with_points`, the discount each step of `points` buys. */
            stepValue?: components["schemas"]["Money"];
            /** @description For `pay_with_points`, the largest fraction of the cart subtotal points may pay. */
            maxShare?: number;
            /** @description Days the issued coupon stays valid. */
            validDays?: number;
            /** @description For `percent`, the discount percentage. */
            percent?: number;
            minSpend?: components["schemas"]["Money"];
            /** @description Only members of this tier or above can redeem it (exclusive reward). */
            tierId?: string | null;
        };
        ReferralTerms: {
            /** @description Points for the referrer once the friend's first order passes the return window. */
            referrerPoints: number;
            /** @description Welcome discount for the referred newcomer. */
            friendDiscount: components["schemas"]["Money"];
            /** @description Minimum first order (merchandise before discounts, so the welcome discount itself does not take an order below it) for the welcome discount and the referrer's reward. */
            friendMinSpend?: components["schemas"]["Money"];
            /** @description Maximum rewarded referrals per referrer per year. */
            cap?: number;
            /** @description Maximum friends per referrer per calendar month (the store's), counted as they join (a friend past it gets no welcome discount) and as rewards land (a reward past it is not paid). */
            monthlyCap?: number;
            /** @description Days a referral link is remembered by the visitor's browser. */
            attributionDays?: number;
        };
        Tier: {
            id: string;
            name: string;
            /**
             * @description What qualifies for the tier within the period.
             * @enum {string}
             */
            basis: "spend" | "points";
            /** @description Minor units of spend (`spend`) or points earned (`points`) to reach the tier. */
            threshold: number;
            /** @description Qualification period in months (12 for a calendar year; a rolling window's own length, e.g. 6 = the last 6 months, counted on the store's calendar). */
            periodMonths: number;
            /**
             * @description Whether the period is the calendar year (the store's, in its time zone) or a rolling window
             *     of the last `periodMonths` months: `rolling_months`, or `rolling_12_months` for a window of
             *     12 (the name servers sent before windows had other lengths). Clients read any period other
             *     than `calendar_year` as a rolling window of `periodMonths`.
             * @enum {string}
             */
            period?: "calendar_year" | "rolling_months" | "rolling_12_months";
            benefits: components["schemas"]["TierBenefits"];
        };
        TierBenefits: {
            /** @description Multiplier on purchase points (1 = none). */
            earnMultiplier: number;
            freeShipping: boolean;
            /** @description Exclusive / early access to products and sales. */
            earlyAccess: boolean;
            /** @description Human descriptions of gifts (e.g. birthday gift). */
            gifts?: string[];
        };
        Promotion: {
            id: string;
            name: string;
            /** @description Earn multiplier for matching items (2 = double points). */
            multiplier: number;
            appliesTo: components["schemas"]["ItemSelector"];
            /** Format: date-time */
            startsAt: string;
            /** Format: date-time */
            endsAt: string;
        };
        /** @description Store credit proportional to spend, plus an optional year-end rebate by spend level. */
        CashbackRule: {
            percent: number;
            yearEndRebate?: {
                threshold: components["schemas"]["Money"];
                percent: number;
            }[];
        };
        SpendLevel: {
            /** @description Spend within the calendar year that unlocks the reward. */
            threshold: components["schemas"]["Money"];
            /** @description Human description of the gift or discount. */
            reward: string;
            /** @description Catalog reward granted for free, if any. */
            rewardId?: string;
        };
        /** @description One punch per purchase of a matching item; after `punches` punches the next one is free. */
        PunchCardRule: {
            id: string;
            name: string;
            appliesTo: components["schemas"]["ItemSelector"];
            /** @description Punches needed (buy 5 → the 6th is free, of equal or lesser value). */
            punches: number;
            /**
             * @description Each qualifying unit punches, or an order with any qualifying unit punches once.
             * @enum {string}
             */
            per?: "unit" | "order";
            maxPerOrder?: number;
            maxPerDay?: number;
            rewardValidDays?: number;
        };
        MembershipPlan: {
            id: string;
            name: string;
            price: components["schemas"]["Money"];
            /** @enum {string} */
            interval: "month" | "year";
            trialDays: number;
            /** @description Human lines (e.g. "1.5× points", "Free shipping"). */
            benefits: string[];
            perks?: components["schemas"]["MembershipBenefits"];
        };
        EnrollRequest: {
            /** Format: email */
            email: string;
            name?: string;
            birthday?: components["schemas"]["Birthday"];
            /** @description Explicit newsletter opt-in; the checkbox must not be pre-ticked. */
            newsletter: boolean;
            /** @description The referral code the shopper arrived with (`Fidelio.referral()`); null or absent when none. */
            referralCode?: string | null;
            /** @description Stable anonymous device id, used only for referral fraud checks. */
            deviceId?: string;
            /**
             * @description The shopper's language (a BCP 47 tag, e.g. `es-MX`): the program's emails to the member
             *     are written in it. A tag the program does not speak (en, es, ro, zh-CN) means English.
             */
            locale?: string;
        };
        Enrollment: {
            member: components["schemas"]["Member"];
            /** @description Short-lived customer token for the new member (same rules as `customerToken`). */
            token: string;
            /** @description Joining incentive plus referral welcome points granted now. */
            pointsAwarded: number;
            /**
             * @description What happened to the `referralCode`, if one was sent. A refused code never blocks
             *     joining: the shopper joins and `code` says why the referral was not credited.
             */
            referral?: {
                /** @constant */
                status: "applied";
                /** @description The newcomer's single-use welcome coupon code. */
                welcomeCoupon: string | null;
            } | {
                /** @constant */
                status: "rejected";
                /** @enum {string} */
                code: "referral_unknown_code" | "self_referral" | "referral_existing_customer" | "referral_cap_reached";
            } | null;
        };
        Member: {
            id: string;
            /** Format: email */
            email: string;
            name: string | null;
            currency: components["schemas"]["CurrencyCode"];
            points: components["schemas"]["PointsSummary"];
            /** Format: date-time */
            updatedAt: string;
            tier?: components["schemas"]["MemberTier"];
            /** @description Cashback store credit available now (usable at checkout). */
            storeCredit?: components["schemas"]["Money"];
            /** @description Cashback of orders still inside their return window. */
            storeCreditPending?: components["schemas"]["Money"];
            /** @description The birthday on file, or `null`. */
            birthday?: components["schemas"]["Birthday"] | null;
            membership?: components["schemas"]["Membership"];
            punchCards?: components["schemas"]["PunchCardProgress"][];
        };
        /** @description Derived from the point batches at read time. */
        PointsSummary: {
            /** @description Spendable now. */
            available: number;
            /** @description Earned but still inside the return window. */
            pending: number;
            /** @description All points ever earned and not reversed. */
            lifetime: number;
            /** @description The next pending points to become available, or `null`. */
            nextPending: {
                points: number;
                /** Format: date-time */
                availableOn: string;
            } | null;
            /** @description The next available points to expire, or `null`. */
            nextExpiry: {
                points: number;
                /** Format: date-time */
                expiresOn: string;
            } | null;
        };
        MemberTier: {
            id: string;
            name: string;
            progress: components["schemas"]["TierProgress"];
            benefits?: components["schemas"]["TierBenefits"];
            /**
             * Format: date-time
             * @description The last day the member keeps this tier unless they requalify (null at the base tier). A calendar date on the store's calendar sent as that date at 00:00:00Z; read its date part, do not convert it.
             */
            requalifyBy?: string | null;
            /** @description The tier is last year's, kept only by the grace days. */
            keptByGrace?: boolean;
        };
        /** @description Progress towards the next tier (gamification). */
        TierProgress: {
            /** @enum {string} */
            basis: "spend" | "points";
            /** @description Qualifying spend (minor units) or points so far in the period. */
            current: number;
            /** @description The next tier, or `null` at the top tier. */
            next: {
                id: string;
                name: string;
                threshold: number;
            } | null;
            /**
             * Format: date-time
             * @description The last day of the qualifying period. A calendar date on the store's calendar sent as that date at 00:00:00Z; read its date part, do not convert it.
             */
            periodEndsOn: string;
            /** @description What is still missing to reach `next` (0 at the top tier). */
            missing?: number;
            /** @description current / next.threshold in percent, floored (100 at the top tier). */
            percent?: number;
        };
        /** @description The member's paid membership. */
        Membership: {
            planId: string;
            /** @enum {string} */
            status: "trial" | "active" | "past_due" | "cancelled" | "expired";
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            renewsOn: string | null;
            /** Format: date-time */
            trialEndsOn: string | null;
            planName?: string;
            /**
             * Format: date-time
             * @description When it ends or ended (a cancellation's effective date, a lapsed trial or grace).
             */
            endsOn?: string | null;
            /** Format: date-time */
            cancelledAt?: string | null;
            /**
             * Format: date-time
             * @description While past due, when benefits stop unless a charge succeeds.
             */
            graceEndsOn?: string | null;
            benefits?: components["schemas"]["MembershipBenefits"];
        };
        PunchCardProgress: {
            /** @description The `PunchCardRule` id. */
            id: string;
            name: string;
            punches: number;
            required: number;
            /** @description The free item is earned and not yet used. */
            rewardAvailable: boolean;
            /** @description Valid punches in total (`punches` is those on the current card). */
            total?: number;
            /** @description The member's unused reward coupon codes of this card. */
            rewardCodes?: string[];
        };
        /**
         * @description One grant of points. `remaining` is what is left after spending, expiry or reversal.
         *     A batch is `pending` until `availableOn`, then `available` until `expiresOn`.
         */
        PointBatch: {
            id: string;
            /** @enum {string} */
            source: "order" | "action" | "promotion" | "adjustment" | "join" | "referral" | "birthday";
            orderId?: string | null;
            /** @description Points granted (negative only for an `adjustment` debit). */
            points: number;
            remaining: number;
            /** @enum {string} */
            status: "pending" | "available" | "expired" | "spent" | "reversed";
            /** Format: date-time */
            earnedAt: string;
            /** Format: date-time */
            availableOn: string;
            /** Format: date-time */
            expiresOn: string | null;
        };
        PointBatchList: {
            items: components["schemas"]["PointBatch"][];
        };
        ActivityEntry: {
            id: string;
            /**
             * @description `refund` gives back the points of a cancelled redemption (a bought coupon not used).
             *     Clients show a kind they do not know by its `description`, so a server may add kinds.
             * @enum {string}
             */
            kind: "earn" | "pending" | "redeem" | "refund" | "expire" | "return" | "adjust" | "clawback";
            /**
             * @description Signed change to the balance (available + pending) at that moment: never positive for
             *     redeem, expire, return, clawback; positive for earn, pending, refund; either for adjust.
             *     What a movement could not take then (a return of points already spent, a charge beyond
             *     the balance) is owed and shows as a `clawback` when later points pay it, so the entries
             *     add up to the balance.
             */
            points: number;
            /** Format: date-time */
            at: string;
            orderId?: string | null;
            /**
             * @description For `earn`, `pending` and `expire`, where the points came from (for a translated label).
             * @enum {string}
             */
            source?: "order" | "action" | "promotion" | "adjustment" | "join" | "referral" | "birthday";
            /** @description For `redeem` and `refund`, the catalog reward bought or given back (its id in the program's `rewards`); for a `clawback` that pays `reward`, the reward whose code was charged again. For a translated label. */
            rewardId?: string;
            /**
             * @description For `clawback`, what the points pay back: `return`, a return of points already spent;
             *     `adjustment`, a merchant's negative adjustment beyond the balance; `reward`, a reward code
             *     used again on another order and charged beyond the balance. Older servers leave it out:
             *     clients then read the entry as paying a return. A value a client does not know reads as
             *     the entry's `description`.
             * @enum {string}
             */
            pays?: "return" | "adjustment" | "reward";
            /**
             * @description The server's own words for the entry (any language). The member panel labels the kinds it
             *     knows in the shopper's language and shows this only for a kind it does not know.
             */
            description?: string;
        };
        ActivityPage: {
            items: components["schemas"]["ActivityEntry"][];
            nextCursor: string | null;
        };
        CartLine: {
            /** @description Line / product id. */
            id: string;
            name: string;
            brand?: string;
            category?: string;
            /** @description Minor units. */
            unitPrice: number;
            quantity: number;
        };
        Cart: {
            currency: components["schemas"]["CurrencyCode"];
            lines: components["schemas"]["CartLine"][];
            /** @description Minor units. */
            shipping?: number;
            /** @description Sum of unitPrice × quantity, in minor units, before discounts. */
            subtotal: number;
            couponCode?: string;
        };
        CartPreview: {
            earn: {
                points: number;
                pendingDays: number;
                /** @description Combined tier multiplier applied, if any. */
                multiplier?: number;
                /** @description The part of `points` that promotions added. */
                bonusPoints?: number;
                /** @description The promotions this cart benefits from, with how many units qualify. */
                promotions?: {
                    id: string;
                    name: string;
                    multiplier: number;
                    quantity: number;
                }[];
                /** @description False for a signed-out shopper, who would earn `points` by joining first. */
                asMember?: boolean;
                /** @description For a signed-out shopper, the points for joining (0 when there is no join bonus). */
                joinPoints?: number;
            };
            /** @description For a member, the tier progress this order would bring (absent at the top tier or without tiers). */
            tier?: {
                /** @enum {string} */
                basis: "spend" | "points";
                current: number;
                /** @description Qualifying spend or points once this order counts. */
                after: number;
                next: {
                    id: string;
                    name: string;
                    threshold: number;
                };
                /** @description This order alone lifts the member to `next`. */
                reaches?: boolean;
            };
            discount?: components["schemas"]["Money"];
        };
        CouponValidationRequest: {
            code: string;
            cart: components["schemas"]["Cart"];
        };
        CouponValidation: {
            /** @description The canonical code. */
            code: string;
            /**
             * @description `free_shipping` (a reward's coupon) takes nothing off the items (`discount` is zero) and
             *     waives the cart's shipping charge: `shippingDiscount`.
             * @enum {string}
             */
            kind: "fixed" | "percent" | "free_shipping";
            /** @description For `percent` coupons, the percentage. */
            percent?: number;
            discount: components["schemas"]["Money"];
            /** @description For `free_shipping` coupons, the cart's shipping charge, which the store takes off its shipping. */
            shippingDiscount?: components["schemas"]["Money"];
            /** @description The discount split per eligible line (minor units); excluded lines are absent. */
            lines: components["schemas"]["CouponLineDiscount"][];
            /** @description Human summary of what the coupon covers (e.g. "All items except Acme"). */
            appliesTo: string;
            coverage?: components["schemas"]["CouponCoverage"];
            /** Format: date-time */
            expiresAt?: string;
        };
        /**
         * @description What a coupon covers, as data a widget can translate: `all` items, every item `except` the
         *     listed ones, or `only` the listed ones (minus `except`, when the coupon also excludes some).
         */
        CouponCoverage: {
            /** @enum {string} */
            scope: "all" | "except" | "only";
            brands?: string[];
            categories?: string[];
            products?: string[];
            except?: components["schemas"]["ItemSelector"];
        };
        CouponLineDiscount: {
            id: string;
            discount: number;
        };
        RedemptionRequest: {
            rewardId: string;
            cart?: components["schemas"]["Cart"];
            /** @description For `pay_with_points`, how many steps to buy (default the most the cart and balance allow). */
            steps?: number;
        };
        Redemption: {
            id: string;
            rewardId: string;
            /** @description Points spent. */
            points: number;
            coupon: components["schemas"]["RedemptionCoupon"];
            /** @description The balance after the redemption. */
            balance?: components["schemas"]["PointsSummary"];
        };
        CancelledRedemption: {
            id: string;
            /** @constant */
            status: "cancelled";
            /** @description Points returned. */
            points: number;
            balance?: components["schemas"]["PointsSummary"];
        };
        /** @description A single-use, member-only coupon. */
        RedemptionCoupon: {
            code: string;
            discount: components["schemas"]["Money"];
            /** Format: date-time */
            expiresAt: string;
            /** @description The coupon waives the order's shipping instead of taking money off the items (`discount` is zero). */
            freeShipping?: boolean;
        };
        /** @description A redemption as listed back to the member, with what became of its coupon. */
        RedemptionItem: {
            id: string;
            rewardId: string;
            /** @description The catalog reward's name when it was redeemed. */
            rewardName?: string;
            /** @description Points spent. */
            points: number;
            coupon: components["schemas"]["RedemptionCoupon"];
            /**
             * @description `issued` coupons are unused (check `coupon.expiresAt` for expiry).
             * @enum {string}
             */
            status: "issued" | "used" | "cancelled";
            /** Format: date-time */
            createdAt: string;
            /**
             * @description The `Idempotency-Key` the redemption was made with, when it had one. A client whose
             *     `POST /me/redemptions` went unanswered (it timed out, or the server failed mid-way)
             *     looks for its key here to learn whether the points were spent, without sending the
             *     write again. Optional: without it, the client keeps telling the shopper that pressing
             *     again is safe.
             */
            idempotencyKey?: string;
        };
        RedemptionList: {
            items: components["schemas"]["RedemptionItem"][];
        };
        /** @description The profile fields a member may change; absent fields stay as they are. */
        MemberUpdate: {
            name?: string | null;
        };
        ExportedOrder: {
            orderId: string;
            /** Format: date-time */
            placedAt: string;
            subtotal: components["schemas"]["Money"];
            discounts: components["schemas"]["Money"];
            /** @description Points the order earned. */
            points: number;
            /** @description Merchandise returned so far. */
            returned: components["schemas"]["Money"];
        };
        /** @description Everything the program holds about one member (data portability). */
        MemberExport: {
            /** Format: date-time */
            exportedAt: string;
            member: components["schemas"]["Member"];
            preferences: components["schemas"]["Preferences"];
            batches: components["schemas"]["PointBatch"][];
            /** @description The whole history, newest first. */
            activity: components["schemas"]["ActivityEntry"][];
            redemptions: components["schemas"]["RedemptionItem"][];
            orders: components["schemas"]["ExportedOrder"][];
            /** Format: date-time */
            deletionRequestedAt?: string | null;
        };
        DeletionRequest: {
            /** @constant */
            status: "received";
            /**
             * Format: date-time
             * @description When the (first) request was recorded.
             */
            requestedAt: string;
        };
        ReferralInfo: {
            code: string;
            /** Format: uri */
            link: string;
            stats: components["schemas"]["ReferralStats"];
        };
        /** @description Referral funnel counts. */
        ReferralStats: {
            invited: number;
            joined: number;
            ordered: number;
            rewarded: number;
            /** @description Friends who ordered, waiting for the return window before the reward. */
            pending: number;
            /**
             * Format: date-time
             * @description When the first pending reward becomes available (absent when none is pending).
             */
            nextRewardOn?: string;
        };
        MemberEventRequest: {
            /** @enum {string} */
            type: "share" | "newsletter" | "review" | "birthday" | "social_follow";
            /** @description What the action is about (shared URL, reviewed product…); rewarded once per ref. */
            ref?: string;
        };
        MemberEventResult: {
            pointsAwarded: number;
            /** @description The action's cap was reached, so no (or fewer) points were awarded. */
            capped: boolean;
        };
        Preferences: {
            /** @description Promotional newsletter opt-in. */
            newsletter: boolean;
            /** @description Monthly points statement and expiry reminders. */
            statement: boolean;
            /**
             * @description The language of the member's emails. In an answer: the one they are written in now (en,
             *     es, ro or zh-CN; at first the one the member joined in). In a request: optional, the
             *     language the shopper now uses the store in (a BCP 47 tag, mapped as at enrollment; one
             *     the program does not speak means English); left out, the language stays. A server that
             *     does not keep one leaves it out of its answers, and widgets then never send it.
             */
            locale?: string;
        };
        UnsubscribeRequest: {
            token: string;
            /**
             * @description What the link unsubscribes from, as the email's link says (`fidelio-unsubscribe-from`):
             *     the newsletter, or the monthly points statement and expiry reminders.
             * @default newsletter
             * @enum {string}
             */
            from?: "newsletter" | "statement";
        };
        UnsubscribeResult: {
            /** @description Masked address, e.g. `j***@example.com`. */
            email: string;
            /** @description The newsletter consent now (always false after `from: newsletter`). */
            newsletter: boolean;
            /** @description Whether statements and expiry reminders are on now (always false after `from: statement`). */
            statement?: boolean;
            /** @description The address had already left what the link unsubscribes from (the link was used before). */
            alreadyUnsubscribed?: boolean;
        };
        /** @description At least one of `memberId` and `email` is required. */
        OrderRequest: {
            orderId: string;
            memberId?: string;
            /** Format: email */
            email?: string;
            currency: components["schemas"]["CurrencyCode"];
            lines: components["schemas"]["CartLine"][];
            shipping: number;
            tax: number;
            /** @description Sum of lines before discounts, minor units. */
            subtotal: number;
            /** @description Total of discounts applied (coupons, redemptions), minor units. */
            discounts: number;
            /** @description Coupon codes used, so their usage counts are updated. */
            couponCodes?: string[];
            /** Format: date-time */
            placedAt: string;
            /**
             * @description The referral code the shopper arrived with (`Fidelio.referral()`); null or absent when
             *     none. Optional: the reference engine attributes a referral when the friend joins (the
             *     signup form sends the code) and rewards the referrer on that member's first order, so
             *     it accepts this field without needing it; a backend may use it for guest checkouts.
             */
            referralCode?: string | null;
        } & (unknown | unknown);
        OrderResult: {
            orderId: string;
            memberId?: string | null;
            /** @description Points granted for the order (pending). */
            points: number;
            /**
             * @description State of the order's points.
             * @enum {string}
             */
            status: "pending" | "available" | "not_member";
            /** Format: date-time */
            availableOn?: string | null;
            /**
             * @description Codes on the order that were not valid for it when it was placed (absent when all
             *     were). Each code is checked again in full, as validation would have at `placedAt`
             *     (`reason` is the refusal code: unknown, expired, minimum spend, usage limits, another
             *     member's code, one listed twice, not combinable), and for what happened since the
             *     checkout validated it: used on another order, its reward cancelled, a once-per-customer
             *     code used again by the same customer (a member, or the same mailbox: `bob+deals@` is
             *     `bob@`). Codes come back as normalised (upper case). The order is recorded either way
             *     and every code counts one use; a reward code its own member had again is charged its
             *     points again (`pointsCharged`; a shortfall is owed, paid by later points), another
             *     shopper's use of it only flagged. Review them (a refund, a word with the customer); the
             *     same answer comes back if the order is posted again.
             */
            couponFlags?: components["schemas"]["CouponFlag"][];
        };
        CouponFlag: {
            code: string;
            /** @description The refusal validation would have given (a coupon error code such as `coupon_usage_limit`), or `redemption_cancelled`. */
            reason: string;
            params?: {
                [key: string]: unknown;
            };
            pointsCharged?: number;
        };
        ReturnLine: {
            id: string;
            quantity: number;
        };
        /** @description Exactly one of `lines` and `amount`. */
        ReturnRequest: {
            returnId: string;
            lines?: components["schemas"]["ReturnLine"][];
            /** @description Refunded amount in minor units. */
            amount?: number;
        } & (unknown | unknown);
        ReturnResult: {
            orderId: string;
            returnId: string;
            /** @description Points the return takes back in all — pending points reversed, plus `clawedBack`, plus `uncollected`. */
            pointsReversed: number;
            /** @description Part of `pointsReversed` taken because the order's points were already available (or spent), from the member's available points first, then their pending points. */
            clawedBack?: number;
            /** @description Part of `pointsReversed` the member's points could not cover; owed, and paid by the next points they earn. */
            uncollected?: number;
        };
        /**
         * @description Definitions (period = `[from, to)`):
         *     - `aov` = revenue / orders.
         *     - `purchaseFrequency` = orders / unique customers.
         *     - `customerValue` = aov × purchaseFrequency, over the period; `customerValuePerYear` = the
         *       same at the period's pace over one year (equal to `customerValue` for a 12-month period).
         *     - `clv` = customerValuePerYear × `lifespanYears`; `yearlyProfit` = customerValuePerYear ×
         *       `marginPercent` / 100 ($40 × 6 orders = $240 a year, $1,200 over 5 years, $48 at 20 %).
         *     - `adoptionRate` = enrolled members / total customers (1,000 of 10,000 = 0.1).
         *     - `redemptionRate` = points redeemed / points issued.
         *     - `retentionRate` = (E − N) / S, where S = customers at the start, E = at the end,
         *       N = new customers in the period (multiply by 100 for the CRR percentage).
         *     - `churn` = customers active before the period who did not come back in it.
         *     A ratio with a zero denominator is 0.
         */
        ProgramKpis: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            aov: components["schemas"]["Money"];
            purchaseFrequency: number;
            customerValue: components["schemas"]["Money"];
            customerValuePerYear?: components["schemas"]["Money"];
            clv?: components["schemas"]["Money"];
            yearlyProfit?: components["schemas"]["Money"];
            adoptionRate: number;
            redemptionRate: number;
            retentionRate: number;
            churn: components["schemas"]["ChurnKpis"];
            counts?: components["schemas"]["KpiCounts"];
        };
        ChurnKpis: {
            /** @description Customers lost in the period. */
            customers: number;
            /** @description customers lost / customers at the start. */
            rate: number;
            /** @description Recurring value of the lost customers (their spend in the previous equal period). */
            valueLost: components["schemas"]["Money"];
            /** @description valueLost / total recurring value at the start. */
            valueRate: number;
        };
        /** @description The raw numbers the KPIs are computed from. */
        KpiCounts: {
            revenue: components["schemas"]["Money"];
            orders: number;
            uniqueCustomers: number;
            members: number;
            totalCustomers: number;
            pointsIssued: number;
            pointsRedeemed: number;
            customersAtStart: number;
            customersAtEnd: number;
            newCustomers: number;
        };
        DemoSessionRequest: {
            /** Format: email */
            email?: string;
        };
        /** @description Demo only (reference mock backend). */
        DemoSession: {
            /** @description A customer token (HS256 JWT, ≤ 5 min). */
            token: string;
            /** Format: date-time */
            expiresAt: string;
        };
        /** @description What a paid membership gives while it runs (trial, active or past due). */
        MembershipBenefits: {
            earnMultiplier: number;
            freeShipping: boolean;
            memberPrices: boolean;
        };
        MembershipRequest: {
            planId: string;
            /** @enum {string} */
            action: "trial" | "subscribe";
        };
        MembershipChargeRequest: {
            /** @description The payment provider's charge id (the same id twice counts once). */
            chargeId: string;
            /** @enum {string} */
            outcome: "succeeded" | "failed";
        };
        GiftCardIssueRequest: {
            /** @description 8–32 letters and digits once spaces and dashes are dropped. */
            code: string;
            value: components["schemas"]["Money"];
            /**
             * Format: date-time
             * @description When the card stops paying (exclusive); `null` never; omitted → the program's default.
             */
            expiresAt?: string | null;
        };
        GiftCard: {
            /** @description Canonical code (upper case, no spaces or dashes). */
            code: string;
            value: components["schemas"]["Money"];
            balance: components["schemas"]["Money"];
            /** Format: date-time */
            issuedAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "empty";
        };
        StoreCreditDebitRequest: {
            amount: components["schemas"]["Money"];
            /** @description The order the credit pays for (kept with the debit). */
            orderId: string;
        };
        StoreCreditDebit: {
            /** @description Names this debit for a refund (`POST …/store-credit/refunds`). */
            debitId: string;
            debited: components["schemas"]["Money"];
            /** @description The member's store credit left to spend. */
            available: components["schemas"]["Money"];
        };
        GiftCardDebitRequest: {
            amount: components["schemas"]["Money"];
            orderId?: string;
            /**
             * @description Take what the card has when it holds less than `amount`.
             * @default false
             */
            allowPartial?: boolean;
        };
        GiftCardDebit: {
            debitId: string;
            code: string;
            debited: components["schemas"]["Money"];
            balance: components["schemas"]["Money"];
        };
        MemberStoreCredit: {
            /** @description Credit that can be spent now. */
            available: components["schemas"]["Money"];
            /** @description Credit from orders still in their return window. */
            pending: components["schemas"]["Money"];
            /** @description Credit spent that returns later took back; credit earned later pays it first. */
            owed: components["schemas"]["Money"];
            /** @description The next pending credit to become available, and when; `null` when nothing is pending. */
            nextAvailable: {
                amount: components["schemas"]["Money"];
                /** Format: date-time */
                at: string;
            } | null;
        };
        PaymentRefundRequest: {
            /** @description The debit to put (part of) back, as its `201` named it. */
            debitId: string;
            /** @description How much to put back; omitted, all that is left of the debit. */
            amount?: components["schemas"]["Money"];
        };
        StoreCreditRefund: {
            refundId: string;
            debitId: string;
            refunded: components["schemas"]["Money"];
            /** @description The member's store credit available after the refund. */
            available: components["schemas"]["Money"];
        };
        GiftCardRefund: {
            refundId: string;
            debitId: string;
            code: string;
            refunded: components["schemas"]["Money"];
            balance: components["schemas"]["Money"];
        };
        GiftCardTerms: {
            maxValue: components["schemas"]["Money"];
            /** @description Days a card is valid from issue; `null` = cards do not expire. */
            expiryDays: number | null;
        };
        /** @description A product that, bought, gives points at once and a discount on the next orders. */
        BuyAheadCard: {
            id: string;
            name: string;
            productId: string;
            bonusPoints: number;
            discountPercent: number;
            /** @description Discounted orders per card bought. */
            uses: number;
            validDays?: number;
        };
        BirthdayReward: {
            pointsAwarded: number;
            points: components["schemas"]["PointsSummary"];
        };
        BirthdayChange: {
            birthday: components["schemas"]["Birthday"];
            changed: boolean;
            /**
             * Format: date-time
             * @description The earliest time the birthday may be changed again.
             */
            nextChangeOn: string;
        };
        OutboxEmail: {
            id: string;
            /** @enum {string} */
            kind: "welcome" | "statement" | "expiry_reminder" | "newsletter";
            /** Format: email */
            to: string;
            memberId: string;
            locale: string;
            subject: string;
            text: string;
            html: string;
            unsubscribeUrl: string;
            /**
             * Format: date-time
             * @description When the email was written.
             */
            at: string;
        };
        OutboxPage: {
            items: components["schemas"]["OutboxEmail"][];
            /** @description Emails in the outbox (all of them, not only this page). */
            total: number;
        };
        TimeTravelRequest: {
            days: number;
        };
        TimeTravelResult: {
            /**
             * Format: date-time
             * @description The backend's time after travelling.
             */
            now: string;
            /** @description Days the backend's clock is ahead of the real one. */
            offsetDays: number;
        };
    };
    responses: {
        /** @description Missing, invalid or expired credentials (`unauthorized`). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://docs.fidelio.example/problems/unauthorized",
                 *       "title": "Authentication required",
                 *       "status": 401,
                 *       "code": "unauthorized",
                 *       "detail": "The customer token has expired."
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Credentials valid but not for this program or resource (`forbidden`). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://docs.fidelio.example/problems/forbidden",
                 *       "title": "Forbidden",
                 *       "status": 403,
                 *       "code": "forbidden"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The program or resource does not exist (`not_found`). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://docs.fidelio.example/problems/not-found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "code": "not_found"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description State conflict: `already_member`, or `conflict` (idempotency key reused with another body,
         *     or a request with the same key still in progress).
         */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://docs.fidelio.example/problems/already-member",
                 *       "title": "Already a member",
                 *       "status": 409,
                 *       "code": "already_member"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request is well-formed JSON but breaks a rule. `code` is `validation` (with
         *     `params.errors`: [{path, message}]) or a domain code: `invalid_email`, `invalid_birthday`,
         *     `insufficient_points`, `insufficient_credit` (store credit; `params.required` and
         *     `params.available` in minor units of the program's currency), `insufficient_balance` (a gift card), `expired`.
         */
        ValidationError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The coupon does not apply to this cart; `code` is one of the `coupon_*` codes. */
        CouponRejected: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many failed coupon attempts (`too_many_attempts`); wait `Retry-After` seconds. */
        TooManyAttempts: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://docs.fidelio.example/problems/too-many-attempts",
                 *       "title": "Too many attempts",
                 *       "status": 429,
                 *       "code": "too_many_attempts",
                 *       "params": {
                 *         "retryAfter": 60
                 *       }
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Rate limit exceeded (`rate_limited`); wait `Retry-After` seconds. */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://docs.fidelio.example/problems/rate-limited",
                 *       "title": "Too many requests",
                 *       "status": 429,
                 *       "code": "rate_limited",
                 *       "params": {
                 *         "retryAfter": 30
                 *       }
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unexpected server failure (`server`). Safe to retry idempotent requests. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://docs.fidelio.example/problems/server",
                 *       "title": "Something went wrong",
                 *       "status": 500,
                 *       "code": "server"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Temporarily unavailable (`server`); retry after `Retry-After` seconds if present. */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://docs.fidelio.example/problems/server",
                 *       "title": "Service unavailable",
                 *       "status": 503,
                 *       "code": "server"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The program's id. */
        ProgramId: string;
        /** @description The merchant's order id, as sent to `recordOrder`. */
        OrderId: string;
        /** @description The member's id. */
        MemberId: string;
        /** @description The gift card code (spaces and dashes ignored, case-insensitive). */
        GiftCardCode: string;
        /**
         * @description Client-generated unique key (a UUID is recommended). A retry with the same key and body
         *     within 24 h returns the original response; the same key with a different body is `409
         *     conflict`; a retry while the first request is still running is `409 conflict` as well.
         */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before retrying. */
        RetryAfter: number;
        /** @description Caching directives for the response. */
        CacheControl: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getProgram: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The program. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramSummary"];
                };
            };
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    enrollMember: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Client-generated unique key (a UUID is recommended). A retry with the same key and body
                 *     within 24 h returns the original response; the same key with a different body is `409
                 *     conflict`; a retry while the first request is still running is `409 conflict` as well.
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnrollRequest"];
            };
        };
        responses: {
            /** @description The member was created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Enrollment"];
                };
            };
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberUpdate"];
            };
        };
        responses: {
            /** @description The member after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listPointBatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description All batches of the member. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointBatchList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listActivity: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page's `nextCursor`; omit for the first page. */
                cursor?: string;
                /** @description Page size. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of activity. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityPage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    previewCart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Cart"];
            };
        };
        responses: {
            /** @description The preview. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CartPreview"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    validateCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CouponValidationRequest"];
            };
        };
        responses: {
            /** @description The coupon applies to this cart. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CouponValidation"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["CouponRejected"];
            429: components["responses"]["TooManyAttempts"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listRedemptions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member's redemptions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedemptionList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    redeemReward: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Client-generated unique key (a UUID is recommended). A retry with the same key and body
                 *     within 24 h returns the original response; the same key with a different body is `409
                 *     conflict`; a retry while the first request is still running is `409 conflict` as well.
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedemptionRequest"];
            };
        };
        responses: {
            /** @description Points were spent and a coupon issued. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Redemption"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelRedemption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The redemption's id. */
                redemptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The redemption is cancelled and the points are back. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancelledRedemption"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Referral details. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferralInfo"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recordMemberEvent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Client-generated unique key (a UUID is recommended). A retry with the same key and body
                 *     within 24 h returns the original response; the same key with a different body is `409
                 *     conflict`; a retry while the first request is still running is `409 conflict` as well.
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberEventRequest"];
            };
        };
        responses: {
            /** @description The event was recorded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberEventResult"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Current preferences. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferences"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updatePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Preferences"];
            };
        };
        responses: {
            /** @description Updated preferences. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferences"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    unsubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnsubscribeRequest"];
            };
        };
        responses: {
            /** @description The address is unsubscribed from the newsletter, or from statements and reminders. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnsubscribeResult"];
                };
            };
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recordOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderRequest"];
            };
        };
        responses: {
            /** @description The order was already recorded; the original result. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResult"];
                };
            };
            /** @description The order was recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResult"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recordReturn: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The merchant's order id, as sent to `recordOrder`. */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReturnRequest"];
            };
        };
        responses: {
            /** @description The return was recorded (or had already been). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReturnResult"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getKpis: {
        parameters: {
            query?: {
                /** @description Start of the period (inclusive). */
                from?: string;
                /** @description End of the period (exclusive). Defaults to now. */
                to?: string;
                /** @description Average customer lifespan in years; when given, `clv` is computed. */
                lifespanYears?: number;
                /** @description Gross margin in percent (20 = 20 %); when given, `yearlyProfit` is computed. */
                marginPercent?: number;
            };
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The KPIs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramKpis"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createDemoSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DemoSessionRequest"];
            };
        };
        responses: {
            /** @description A short-lived customer token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemoSession"];
                };
            };
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            500: components["responses"]["ServerError"];
        };
    };
    startMembership: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MembershipRequest"];
            };
        };
        responses: {
            /** @description The membership after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Membership"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelMembership: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The membership, cancelled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Membership"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recordMembershipCharge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The member's id. */
                memberId: components["parameters"]["MemberId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MembershipChargeRequest"];
            };
        };
        responses: {
            /** @description The membership after the charge. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Membership"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getStoreCredit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The member's id. */
                memberId: components["parameters"]["MemberId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member's store credit. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberStoreCredit"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    debitStoreCredit: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Client-generated unique key (a UUID is recommended). A retry with the same key and body
                 *     within 24 h returns the original response; the same key with a different body is `409
                 *     conflict`; a retry while the first request is still running is `409 conflict` as well.
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The member's id. */
                memberId: components["parameters"]["MemberId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StoreCreditDebitRequest"];
            };
        };
        responses: {
            /** @description The credit was spent. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreCreditDebit"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    refundStoreCredit: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Client-generated unique key (a UUID is recommended). A retry with the same key and body
                 *     within 24 h returns the original response; the same key with a different body is `409
                 *     conflict`; a retry while the first request is still running is `409 conflict` as well.
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The member's id. */
                memberId: components["parameters"]["MemberId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRefundRequest"];
            };
        };
        responses: {
            /** @description The credit was put back. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreCreditRefund"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    issueGiftCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GiftCardIssueRequest"];
            };
        };
        responses: {
            /** @description The card was already issued with these terms. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GiftCard"];
                };
            };
            /** @description The card was issued. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GiftCard"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getGiftCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The gift card code (spaces and dashes ignored, case-insensitive). */
                code: components["parameters"]["GiftCardCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GiftCard"];
                };
            };
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    debitGiftCard: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Client-generated unique key (a UUID is recommended). A retry with the same key and body
                 *     within 24 h returns the original response; the same key with a different body is `409
                 *     conflict`; a retry while the first request is still running is `409 conflict` as well.
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The gift card code (spaces and dashes ignored, case-insensitive). */
                code: components["parameters"]["GiftCardCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GiftCardDebitRequest"];
            };
        };
        responses: {
            /** @description The amount was debited. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GiftCardDebit"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    refundGiftCard: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Client-generated unique key (a UUID is recommended). A retry with the same key and body
                 *     within 24 h returns the original response; the same key with a different body is `409
                 *     conflict`; a retry while the first request is still running is `409 conflict` as well.
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
                /** @description The gift card code (spaces and dashes ignored, case-insensitive). */
                code: components["parameters"]["GiftCardCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRefundRequest"];
            };
        };
        responses: {
            /** @description The amount is back on the card. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GiftCardRefund"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    claimBirthdayReward: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The points were awarded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BirthdayReward"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    changeBirthday: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Birthday"];
            };
        };
        responses: {
            /** @description The birthday now on file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BirthdayChange"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    exportMyData: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member's data. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberExport"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    requestDeletion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request is recorded. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletionRequest"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDemoOutbox: {
        parameters: {
            query?: {
                /** @description At most this many emails (default 50). */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The emails, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutboxPage"];
                };
            };
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationError"];
            500: components["responses"]["ServerError"];
        };
    };
    demoTimeTravel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The program's id. */
                programId: components["parameters"]["ProgramId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TimeTravelRequest"];
            };
        };
        responses: {
            /** @description The backend's new time. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeTravelResult"];
                };
            };
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationError"];
            500: components["responses"]["ServerError"];
        };
    };
}
