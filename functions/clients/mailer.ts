import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';

/** One SES v2 client per process. */
const ses = new SESv2Client({});

export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Sends a plain-text mail (UTF-8). Subjects are single-line by construction (no CR/LF input). */
export async function sendMail(mail: Mail): Promise<string | undefined> {
  const out = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: mail.from,
      Destination: { ToAddresses: [mail.to] },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
        },
      },
    }),
  );
  return out.MessageId;
}
