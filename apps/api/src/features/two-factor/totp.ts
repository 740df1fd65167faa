import { verify } from 'otplib';

/** One step either side of now: a phone's clock a little off, or a code typed as it turned. */
const TOLERANCE_SECONDS = 30;

/**
 * The time step of a valid code newer than `lastStep` (the step of the last code accepted), or
 * null: a code is used once, so one seen (or older) is refused even when it is right. The caller
 * records the returned step in one conditional statement, so of two requests with the same code
 * one wins.
 */
export async function acceptedStep(
  secret: string,
  code: string,
  lastStep: string | number | null,
): Promise<number | null> {
  const last = lastStep === null ? undefined : Number(lastStep);
  const result = await verify({
    secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(last === undefined ? {} : { afterTimeStep: last }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
