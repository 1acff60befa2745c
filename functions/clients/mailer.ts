import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';

/** One SES v2 client per process. */
const ses = new SESv2Client({});

export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** The HTML alternative (every mail to a participant or employer); the text part is always there. */
  html?: string;
  /** Where answers go (mails to participants and employers: the site's office). */
  replyTo?: string;
}

/** Sends a mail (UTF-8), plain text with an optional HTML part. Subjects are single-line by construction (no CR/LF input). */
export async function sendMail(mail: Mail): Promise<string | undefined> {
  const out = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: mail.from,
      Destination: { ToAddresses: [mail.to] },
      ...(mail.replyTo ? { ReplyToAddresses: [mail.replyTo] } : {}),
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: mail.text, Charset: 'UTF-8' },
            ...(mail.html ? { Html: { Data: mail.html, Charset: 'UTF-8' } } : {}),
          },
        },
      },
    }),
  );
  return out.MessageId;
}
