import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StaffMemberSchema, type StaffMember } from '../../schemas/model/staff-member.js';
import type { Role } from '../../schemas/staff.js';
import { dynamo } from '../clients/dynamo.js';
import { ITEM_TYPE, key, staffDirectoryPartition } from './keys.js';
import { ifCondition, parseItem, queryAll, tableName } from './table.js';

/**
 * A site's staff directory (keys.ts): who has used a staff route, as the token says (subject,
 * sign-in name, role). No Cognito admin call; written at most once per user and day.
 */

/**
 * Records a visit: one conditional upsert that only writes when the entry is new, from another
 * day, or the name or role changed. False when there was nothing to write.
 */
export async function recordStaffMember(m: { site: string; sub: string; username: string; role: Role }, at: string, day: string): Promise<boolean> {
  const out = await ifCondition(() =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key.staffMember(m.site, m.sub),
        UpdateExpression:
          'SET #type = :type, #sub = :sub, #u = :u, #role = :r, site = :site, lastSeenAt = :at, lastSeenDay = :day, firstSeenAt = if_not_exists(firstSeenAt, :at)',
        ConditionExpression: 'attribute_not_exists(PK) OR lastSeenDay <> :day OR #u <> :u OR #role <> :r',
        ExpressionAttributeNames: { '#type': 'type', '#sub': 'sub', '#u': 'username', '#role': 'role' },
        ExpressionAttributeValues: { ':type': ITEM_TYPE.staffMember, ':sub': m.sub, ':u': m.username, ':r': m.role, ':site': m.site, ':at': at, ':day': day },
      }),
    ),
  );
  return out !== undefined;
}

export async function getStaffMember(site: string, sub: string): Promise<StaffMember | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: tableName(), Key: key.staffMember(site, sub), ConsistentRead: true }));
  return out.Item ? parseItem(StaffMemberSchema, out.Item) : undefined;
}

/** The site's directory (a site's team is small: one query, bounded). */
export async function listStaff(site: string): Promise<StaffMember[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': staffDirectoryPartition(site) },
  }, 500);
  return items.map((i) => parseItem(StaffMemberSchema, i));
}
