import type {
  TokenPair,
  TwoFactorChallenge,
  TwoFactorEnrolmentRequired,
} from '@flc/protocol/resources';

/**
 * A sign-in between the password and the session: the second step it still owes (a code, or
 * enrolment when the organization requires two-factor) and its short-lived token. Kept in memory
 * only, so a reload starts the sign-in over; shared by the auth and two-factor features.
 */
export interface PendingSignIn {
  step: 'code' | 'enrol';
  token: string;
  /** Where to go once signed in. */
  next: string;
}

let pending: PendingSignIn | null = null;

export const setPendingSignIn = (value: PendingSignIn | null) => {
  pending = value;
};
export const pendingSignIn = () => pending;

/** What the API answered to a right password (login, accepting an invitation). */
export type SignInAnswer = TokenPair | TwoFactorChallenge | TwoFactorEnrolmentRequired;

/** The route of the step still owed, with the pending sign-in kept; null for a session. */
export function secondStepRoute(answer: SignInAnswer, next: string): string | null {
  if ('twoFactorRequired' in answer) {
    setPendingSignIn({ step: 'code', token: answer.challengeToken, next });
    return '/login/two-factor';
  }
  if ('twoFactorEnrolmentRequired' in answer) {
    setPendingSignIn({ step: 'enrol', token: answer.enrolmentToken, next });
    return '/login/two-factor-setup';
  }
  return null;
}
