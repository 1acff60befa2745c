import { CfnOutput } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailProps {
  /** The sender address every function uses (MAIL_FROM). */
  mailFrom: string;
  /** Verify the whole domain of mailFrom (DKIM records to publish) or only the address. */
  identity: 'domain' | 'address';
}

/** The SES v2 sending identity, and the one way to allow a function to send from it. */
export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly mailFrom: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.mailFrom = props.mailFrom;
    const domain = props.mailFrom.split('@')[1] ?? '';
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: props.identity === 'domain' ? Identity.domain(domain) : Identity.email(props.mailFrom),
    });
    if (props.identity === 'domain') {
      // Easy DKIM: these three CNAMEs must be published in the domain's DNS before SES sends.
      this.identity.dkimRecords.forEach((r, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${r.name} CNAME ${r.value}` });
      });
    }
  }

  /**
   * ses:SendEmail (the only action SES v2 SendEmail checks) on this identity, and only with
   * mailFrom as the From address: a compromised function cannot spoof another sender.
   */
  grantSendEmail(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [this.identity.emailIdentityArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.mailFrom } },
      }),
    );
  }
}
