// Seeded generator of AWS CloudTrail records as JSON lines (the shape attack_data's
// aws_cloudtrail_events.json files have): IAM users, assumed roles, AWS services and the root user
// calling a mix of read and write APIs across regions, with occasional errors. A small share are
// DeleteTrail calls so the trail-deleted detection finds something.
import { createRng } from './rng.mjs';

const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const USERS = ['ops-automation', 'alice', 'bob', 'ci-deployer', 'carol', 'backup-bot'];
const ROLES = [['AdminRole', 'alice@example.com'], ['ReadOnly', 'dave'], ['LambdaExec', 'fn-resize'], ['TerraformApply', 'tf-run']];
const AGENTS = ['aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64.ubuntu', 'Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11', 'console.amazonaws.com', 'terraform-provider-aws/5.46.0', 'lambda.amazonaws.com'];
const APIS = [
  [30, 's3.amazonaws.com', 'GetObject', true],
  [12, 's3.amazonaws.com', 'PutObject', false],
  [14, 'ec2.amazonaws.com', 'DescribeInstances', true],
  [4, 'ec2.amazonaws.com', 'RunInstances', false],
  [10, 'sts.amazonaws.com', 'AssumeRole', true],
  [8, 'iam.amazonaws.com', 'ListRoles', true],
  [2, 'iam.amazonaws.com', 'CreateAccessKey', false],
  [6, 'kms.amazonaws.com', 'Decrypt', true],
  [5, 'cloudtrail.amazonaws.com', 'DescribeTrails', true],
  [3, 'cloudtrail.amazonaws.com', 'LookupEvents', true],
  [1, 'cloudtrail.amazonaws.com', 'StopLogging', false],
  [0.6, 'cloudtrail.amazonaws.com', 'DeleteTrail', false],
  [4, 'signin.amazonaws.com', 'ConsoleLogin', false],
  [5, 'lambda.amazonaws.com', 'Invoke', false],
].map(([w, src, name, ro]) => [w, { src, name, ro }]);

export function createCloudTrailGenerator(seed = 2) {
  const r = createRng(seed);
  let t = Date.UTC(2024, 3, 29, 0, 0, 0);
  const ips = Array.from({ length: 60 }, () => `${r.pick(['198.51.100', '203.0.113', '192.0.2', '34.201.12'])}.${r.int(1, 254)}`);
  return function next() {
    t += r.int(10, 2000);
    const api = r.weighted(APIS);
    const kind = r.weighted([[50, 'IAMUser'], [35, 'AssumedRole'], [10, 'AWSService'], [5, 'Root']]);
    let identity;
    if (kind === 'IAMUser') {
      const u = r.pick(USERS);
      identity = { type: 'IAMUser', principalId: `AIDA${r.hex(16)}`, arn: `arn:aws:iam::${ACCOUNT}:user/${u}`, accountId: ACCOUNT, accessKeyId: `AKIA${r.hex(16)}`, userName: u };
    } else if (kind === 'AssumedRole') {
      const [role, session] = r.pick(ROLES);
      identity = {
        type: 'AssumedRole', principalId: `AROA${r.hex(16)}:${session}`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
        accountId: ACCOUNT, accessKeyId: `ASIA${r.hex(16)}`,
        sessionContext: { sessionIssuer: { type: 'Role', principalId: `AROA${r.hex(16)}`, arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, accountId: ACCOUNT, userName: role }, attributes: { creationDate: new Date(t - 600000).toISOString().replace(/\.\d+Z$/, 'Z'), mfaAuthenticated: 'false' } },
      };
    } else if (kind === 'AWSService') {
      identity = { type: 'AWSService', invokedBy: r.pick(['lambda.amazonaws.com', 'ec2.amazonaws.com', 'config.amazonaws.com']) };
    } else {
      identity = { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };
    }
    const error = r.next() < 0.03 ? { errorCode: 'AccessDenied', errorMessage: `User is not authorized to perform: ${api.src.split('.')[0]}:${api.name}` } : {};
    let requestParameters = null;
    if (api.name === 'DeleteTrail' || api.name === 'StopLogging') requestParameters = { name: r.pick(['org-audit-trail', 'org-data-events-trail', 'management-events', `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/legacy`]) };
    else if (api.name === 'GetObject' || api.name === 'PutObject') requestParameters = { bucketName: r.pick(['finance-reports', 'app-logs', 'backups-prod']), key: `${r.hex(8).toLowerCase()}/data.json`, Host: 's3.amazonaws.com' };
    else if (api.name === 'DescribeInstances') requestParameters = { instancesSet: {}, filterSet: { items: [{ name: 'instance-state-name', valueSet: { items: [{ value: 'running' }] } }] } };
    else if (api.name === 'AssumeRole') requestParameters = { roleArn: `arn:aws:iam::${ACCOUNT}:role/${r.pick(ROLES)[0]}`, roleSessionName: r.pick(USERS), durationSeconds: 3600 };
    const rec = {
      eventVersion: '1.08',
      userIdentity: identity,
      eventTime: new Date(t).toISOString().replace(/\.\d+Z$/, 'Z'),
      eventSource: api.src,
      eventName: api.name,
      awsRegion: r.pick(REGIONS),
      sourceIPAddress: kind === 'AWSService' ? identity.invokedBy : r.pick(ips),
      userAgent: kind === 'AWSService' ? identity.invokedBy : r.pick(AGENTS),
      ...error,
      requestParameters,
      responseElements: api.name === 'ConsoleLogin' ? { ConsoleLogin: error.errorCode ? 'Failure' : 'Success' } : null,
      ...(api.name === 'ConsoleLogin' ? { additionalEventData: { MFAUsed: r.pick(['Yes', 'No']), LoginTo: 'https://console.aws.amazon.com/console/home' } } : {}),
      requestID: `${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`.toLowerCase(),
      eventID: `${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`.toLowerCase(),
      readOnly: api.ro,
      eventType: 'AwsApiCall',
      managementEvent: api.src !== 's3.amazonaws.com',
      recipientAccountId: ACCOUNT,
      eventCategory: api.src === 's3.amazonaws.com' ? 'Data' : 'Management',
    };
    return JSON.stringify(rec);
  };
}
