import type { ReplyAddresses } from '@flc/core';
import { logger } from '@flc/log';
import { SMTPServer } from 'smtp-server';
import { ApiError } from '../../lib/errors.ts';
import type { InboundMailService } from './inbound.ts';

/** An SMTP answer with its code: 5xx refuses for good, 4xx asks the sender to try again later. */
const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

/**
 * An SMTP listener for visitors' replies straight from the internet (`FLC_INBOUND_SMTP_PORT`,
 * the inbound domain's MX): no authentication, as for any MX, but only the signed reply addresses
 * of this server are accepted as recipients (550 for any other, before the data is sent), at
 * most `maxBytes` per mail (552), and each mail goes through the same checks as the inbound mail
 * endpoint. A mail refused for what it is (sender, empty) is answered 550; a failure of the
 * platform (database away) 451, so the sending server tries again.
 */
export async function startInboundSmtp(options: {
  port: number;
  host: string;
  maxBytes: number;
  addresses: ReplyAddresses;
  inbound: InboundMailService;
}): Promise<InboundSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH'],
    // No certificate of its own: a provider or proxy in front terminates TLS where needed.
    hideSTARTTLS: true,
    size: options.maxBytes,
    banner: 'Fast Light Chat',
    // Nothing depends on the client's host name; a slow resolver must not hold each connection.
    disableReverseLookup: true,
    // An idle or stuck client does not hold its socket for long, nor a shutdown.
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.addresses.conversationOfAddress(address.address)) return callback();
      callback(smtpError(550, 'No such recipient here'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded || size > options.maxBytes) {
          return callback(smtpError(552, 'Message too large'));
        }
        options.inbound.receive(new Uint8Array(Buffer.concat(chunks))).then(
          () => callback(),
          (error: unknown) => {
            if (error instanceof ApiError && error.status < 500) {
              return callback(smtpError(550, error.message));
            }
            logger('inbound-smtp').error({ err: error }, 'a mail could not be taken');
            callback(smtpError(451, 'Try again later'));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error: Error) =>
    logger('inbound-smtp').error({ reason: error.message }, 'the SMTP server failed'),
  );
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
