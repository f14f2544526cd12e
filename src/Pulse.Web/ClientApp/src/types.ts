// The API's JSON, as src/Pulse.Contracts and src/Pulse.Web write it: camelCase names, enums in
// kebab-case (call-centre, page-view), nulls left out (so every nullable field is optional here).
// Times are ISO 8601 strings.

export interface RfmView {
  frequency: number;
  recencyDays: number;
  tDays: number;
  monetaryValue: number;
  firstPurchase?: string;
  totalSpend: number;
  totalRefunds: number;
}

export interface CustomerValue {
  modelVersion: number;
  asOf: string;
  probabilityAlive: number;
  expectedPurchases90Days: number;
  lifetimeValue: number;
  lifetimeValueLower: number;
  lifetimeValueUpper: number;
  months: number;
  monthlyDiscountRate: number;
}

export interface ChurnRiskReason {
  feature: string;
  contribution: number;
  text: string;
}

export interface ChurnRisk {
  modelVersion: number;
  asOf: string;
  probability: number;
  reasons: ChurnRiskReason[];
}

export interface CustomerSentiment {
  level: number;
  monthLevel: number;
  trend: number;
  texts30Days: number;
  last: number;
  lastAt: string;
}

export interface CustomerSegment {
  segment: number;
  distance: number;
  modelVersion: number;
  since: string;
  previous?: number;
}

export interface NetworkNeighbour {
  customerId: string;
  relationship: string;
  direction: string;
  weight: number;
  relativeInfluence?: number;
  lifetimeValue?: number;
  churnProbability?: number;
}

export interface CustomerNetwork {
  customerId: string;
  influence: number;
  relativeInfluence: number;
  influencePercentile?: number;
  degree: number;
  weightedDegree: number;
  coreNumber?: number;
  communityId?: string;
  communitySize?: number;
  networkValue?: number;
  churnContagion?: number;
  topNeighbours: NetworkNeighbour[];
  asOf: string;
}

export interface CustomerProfile {
  customerId: string;
  asOf: string;
  firstSeen: string;
  lastSeen: string;
  interactionCount: number;
  lastPosition: number;
  features: Record<string, number>;
  rfm: RfmView;
  value?: CustomerValue;
  churn?: ChurnRisk;
  sentiment?: CustomerSentiment;
  attributes?: Record<string, string>;
  segment?: CustomerSegment;
  network?: CustomerNetwork;
}

export interface Interaction {
  eventId: string;
  customerId: string;
  timestamp: string;
  channel: string;
  kind: string;
  amount?: number;
  text?: string;
  counterpartyId?: string;
  properties?: Record<string, string>;
  position?: number;
  sentiment?: number;
}

export interface FiredTriggerReason {
  subject: string;
  comparison: string;
  value?: number;
  threshold?: number;
  upperThreshold?: number;
  text: string;
}

export interface FiredTrigger {
  idempotencyKey: string;
  ruleId: string;
  ruleVersion: number;
  customerId: string;
  firedAt: string;
  sequence: number;
  category: string;
  priority: number;
  why: string;
  reasons: FiredTriggerReason[];
  eventId?: string;
  eventKind?: string;
}

export interface TriggerDeliveryView {
  deliveryId: number;
  url: string;
  state: string;
  attempts: number;
  nextAttemptAt?: string;
  deliveredAt?: string;
  lastError?: string;
}

export interface TriggerFiringView {
  firing: FiredTrigger;
  deliveries: TriggerDeliveryView[];
}

/** A rule in Pulse's own form (docs/triggers.md); only the fields the UI shows are named. */
export interface TriggerRule {
  id?: string;
  name?: string;
  description?: string;
  enabled?: boolean;
  version?: number;
  priority?: number;
  category?: string;
  [other: string]: unknown;
}

export interface TriggerRuleView {
  id: string;
  version: number;
  enabled: boolean;
  updatedAt: string;
  rule: TriggerRule;
}

export interface TriggerRuleListing {
  version: number;
  rules: TriggerRuleView[];
}

export interface SegmentTraitView {
  feature: string;
  offset: number;
}

export interface SegmentMovement {
  lastBatch: number;
  overWindow: number;
  sinceReference: number;
}

export interface SegmentView {
  id: number;
  size: number;
  weight: number;
  description: string;
  traits: SegmentTraitView[];
  centre: Record<string, number>;
  meanLifetimeValue?: number;
  meanChurnRisk?: number;
  meanSentiment?: number;
  drift: SegmentMovement;
}

export interface SegmentDriftAlert {
  segment: number;
  moved: number;
  windowBatches: number;
  version: number;
  at: string;
}

export interface SegmentListing {
  modelVersion: number;
  seeded: boolean;
  features: string[];
  windowBatches: number;
  segments: SegmentView[];
  alerts: SegmentDriftAlert[];
}

export interface SiloView {
  address: string;
  status: string;
  customerActivations: number;
  activations: number;
}

export interface ClusterView {
  silos: SiloView[];
  customerActivations: number;
}

export interface ModelListing {
  name: string;
  version: number;
  description: string;
  publishedAt?: string;
  requestedBy?: string;
  metrics: Record<string, number>;
}

export interface OperationsStats {
  eventsAcceptedPerSecond: number;
  eventsAppliedPerSecond: number;
  applyLatencyMs: { p50?: number | null; p95?: number | null; p99?: number | null };
  dashboardUrl?: string | null;
}

/** RFC 7807 problem details, and ASP.NET's validation form of it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}
