// The CIM data models shipped with the engine (server/datamodels/*.json, Splunk's data model format).
import Alerts from '../../../datamodels/Alerts.json';
import Authentication from '../../../datamodels/Authentication.json';
import Certificates from '../../../datamodels/Certificates.json';
import Change from '../../../datamodels/Change.json';
import Email from '../../../datamodels/Email.json';
import Endpoint from '../../../datamodels/Endpoint.json';
import Intrusion_Detection from '../../../datamodels/Intrusion_Detection.json';
import Network_Resolution from '../../../datamodels/Network_Resolution.json';
import Network_Sessions from '../../../datamodels/Network_Sessions.json';
import Network_Traffic from '../../../datamodels/Network_Traffic.json';
import Risk from '../../../datamodels/Risk.json';
import Updates from '../../../datamodels/Updates.json';
import Web from '../../../datamodels/Web.json';
import type { DataModel } from './model';

export const BUNDLED_DATA_MODELS: DataModel[] = [
  Alerts, Authentication, Certificates, Change, Email, Endpoint, Intrusion_Detection, Network_Resolution,
  Network_Sessions, Network_Traffic, Risk, Updates, Web,
] as DataModel[];
