import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface ProgramsTable {
  id: string;
  slug: string;
  name: string;
  timezone: Generated<string>;
  created_at: string;
  /** Destination code (orders/destinations.ts) of the program's own kabupaten; null: not set. */
  home_destination: Generated<string | null>;
  /** 0045: Kemendagri code of the program's kabupaten/kota (`73.06`), from idn-area-data. */
  kabupaten_code: Generated<string | null>;
}
export interface DistrictsTable {
  id: string;
  program_id: string;
  slug: string;
  name: string;
  /** 0045: Kemendagri kecamatan code (`73.06.05`); null only for districts made before areas were official. */
  code: Generated<string | null>;
}
export interface VillagesTable {
  id: string;
  program_id: string;
  district_id: string;
  slug: string;
  name: string;
  /** 0045: Kemendagri desa/kelurahan code (`73.06.05.2001`); null = a program-defined area. */
  code: Generated<string | null>;
  /** 0045: for a program-defined area, the official desa (villages.id) it lies in. */
  parent_id: Generated<string | null>;
}
export interface UsersTable {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  locale: Generated<string>;
  is_admin: Generated<number>;
  created_at: string;
}
export interface ProgramOfficersTable {
  program_id: string;
  user_id: string;
}
export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
}
export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_by: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
  notice_seen_at: Generated<string | null>;
}
export interface RateLimitsTable {
  key: string;
  count: number;
  window_start: string;
  blocked_until: string | null;
}
export interface ShopsTable {
  id: string;
  program_id: string;
  village_id: string;
  slug: string;
  name: string;
  whatsapp: string;
  description: Generated<string>;
  address: Generated<string>;
  locale: Generated<string>;
  version: Generated<number>;
  /** JSON: about, opening hours, delivery options, social links (see src/server/shops/profile.ts). */
  profile: Generated<string>;
  created_at: string;
  updated_at: string;
}
export type ShopRole = 'owner' | 'staff';
export interface ShopMembersTable {
  shop_id: string;
  user_id: string;
  role: ShopRole;
  created_at: string;
}
export interface ShopInvitesTable {
  shop_id: string;
  token_hash: string;
  role: ShopRole;
  created_by: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
  created_at: string;
}
export interface AuditLogTable {
  shop_id: string;
  id: string;
  actor_user_id: string | null;
  action: string;
  details: Generated<string>;
  ip: string | null;
  created_at: string;
}
export interface ProductsTable {
  shop_id: string;
  id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  price: number;
  compare_at_price: number | null;
  unit_cost: number | null;
  unit: Generated<string>;
  net_content: Generated<string>;
  sku: string | null;
  category: Generated<string>;
  stock: number | null;
  status: Generated<'draft' | 'published'>;
  /** 0020: value of the stock at cost (moving average); null until the ledger takes the item in. */
  stock_value: Generated<number | null>;
  sort_order: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MediaTable {
  shop_id: string;
  id: string;
  purpose: 'product_photo' | 'design_image' | 'qris' | 'receipt' | 'brand';
  visibility: 'public' | 'private';
  original_format: string;
  original_bytes: number;
  width: number;
  height: number;
  widths: string;
  placeholder: string;
  created_by: string | null;
  created_at: string;
}
export interface ProductVariantsTable {
  shop_id: string;
  id: string;
  product_id: string;
  name: string;
  sku: string | null;
  price: number;
  compare_at_price: number | null;
  unit_cost: number | null;
  stock: number | null;
  sort_order: Generated<number>;
  created_at: string;
  updated_at: string;
  stock_value: Generated<number | null>;
}
export interface ProductPhotosTable {
  shop_id: string;
  product_id: string;
  media_id: string;
  alt: Generated<string>;
  sort_order: Generated<number>;
}
export interface ShopPaymentSettingsTable {
  shop_id: string;
  bank_name: string | null;
  bank_account_number: string | null;
  bank_account_holder: string | null;
  qris_media_id: string | null;
  accept_whatsapp: Generated<number>;
  accept_transfer: Generated<number>;
  accept_card: Generated<number>;
  stripe_account_id: string | null;
  stripe_charges_enabled: Generated<number>;
  updated_at: string;
  /** Unix seconds of the Stripe account state last applied (0006). */
  stripe_synced_at: number | null;
}

export type OrderStatus = 'pending' | 'confirmed' | 'paid' | 'fulfilled' | 'cancelled' | 'expired';
export type OrderChannel = 'whatsapp' | 'web' | 'marketplace' | 'stall' | 'reseller';
export type Marketplace = 'shopee' | 'tokopedia_tiktok' | 'other';
/** 'qris' and 'credit' (a receivable, hutang piutang) come from quick sales (0022). */
export type PaymentMethod = 'whatsapp' | 'transfer' | 'card' | 'cash' | 'qris' | 'credit';
export type DeliveryMethod = 'pickup' | 'local' | 'courier';
export interface OrdersTable {
  shop_id: string;
  id: string;
  code: string;
  access_token_hash: string;
  idempotency_key: string | null;
  channel: OrderChannel;
  payment_method: PaymentMethod;
  status: OrderStatus;
  customer_name: string;
  customer_phone: string | null;
  delivery_method: DeliveryMethod;
  destination_code: string | null;
  address: Generated<string>;
  notes: Generated<string>;
  subtotal: number;
  delivery_fee: Generated<number>;
  total: number;
  locale: Generated<string>;
  expires_at: string | null;
  receipt_media_id: string | null;
  stripe_checkout_session_id: string | null;
  stripe_payment_intent_id: string | null;
  created_at: string;
  updated_at: string;
  /** 0006: whole Rupiah refunded through Stripe (cumulative), and 1 once a dispute was opened. */
  stripe_refunded_amount: Generated<number>;
  stripe_disputed: Generated<number>;
  /** 0005: status-link token sealed with the client's idempotency key (see db/migrations/0005_order_replay.ts). */
  token_box: string | null;
  /** 0009: keyed hash of the normalised request an idempotency key was first used with. */
  request_fingerprint: Generated<string | null>;
  /** 0009: 1 while the order's quantities are off product stock; when an unconfirmed order's hold lapses; keyed hash of the client IP. */
  stock_held: Generated<number>;
  hold_until: Generated<string | null>;
  client_ip_hash: Generated<string | null>;
  /** 0022: the marketplace of a `marketplace` order. */
  marketplace: Generated<Marketplace | null>;
  /** 0037: a discount granted by the shop before confirming (Potongan Penjualan). */
  discount: Generated<number>;
}
export interface OrderLinesTable {
  shop_id: string;
  order_id: string;
  line_no: number;
  product_id: string | null;
  variant_id: string | null;
  name: string;
  variant_name: string | null;
  sku: string | null;
  unit_price: number;
  unit_cost: number | null;
  quantity: number;
  line_total: number;
  /** 0022: the catalog price when a quick sale set another one, and who set it. */
  list_price: Generated<number | null>;
  price_set_by: Generated<string | null>;
}
export interface OrderEventsTable {
  shop_id: string;
  id: string;
  order_id: string;
  type: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus | null;
  actor_kind: 'customer' | 'user' | 'system' | 'stripe';
  actor_user_id: string | null;
  details: Generated<string>;
  created_at: string;
}
export interface CartsTable {
  shop_id: string;
  token_hash: string;
  created_at: string;
  updated_at: string;
}
export interface CartItemsTable {
  shop_id: string;
  cart_token_hash: string;
  product_id: string;
  variant_id: Generated<string>;
  quantity: number;
  added_at: string;
}
export interface StripeEventsTable {
  shop_id: string;
  event_id: string;
  type: string;
  processed_at: string;
}

export interface DesignsTable {
  shop_id: string;
  id: string;
  kind: 'logo' | 'label' | 'social';
  name: string;
  product_id: string | null;
  template_id: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export interface DesignVersionsTable {
  shop_id: string;
  design_id: string;
  version: number;
  doc: string;
  note: Generated<string>;
  created_by: string | null;
  created_at: string;
}
export interface ProductLabelFactsTable {
  shop_id: string;
  product_id: string;
  net_weight: Generated<string>;
  composition: Generated<string>;
  producer_name: Generated<string>;
  producer_address: Generated<string>;
  registration_kind: Generated<'' | 'pirt' | 'bpom_md'>;
  registration_number: Generated<string>;
  production_code: Generated<string>;
  expiry_date: Generated<string>;
  updated_by: string | null;
  updated_at: string;
}
export interface ShopCertificationsTable {
  shop_id: string;
  halal_number: Generated<string>;
  nib: Generated<string>;
  updated_at: string;
}
export interface BrandKitsTable {
  shop_id: string;
  logo_design_id: string | null;
  colors: Generated<string>;
  heading_font: Generated<string>;
  body_font: Generated<string>;
  tagline: Generated<string>;
  published: string | null;
  published_at: string | null;
  published_by: string | null;
  updated_at: string;
}

export type AccountTypeName = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';
export interface LedgerShopsTable {
  shop_id: string;
  started_at: string;
  /** 0023: '' unknown, 'individual' (orang pribadi), 'entity' (badan). */ taxpayer_kind: Generated<'' | 'individual' | 'entity'>;
}
export interface LedgerAccountsTable {
  shop_id: string;
  code: string;
  type: AccountTypeName;
  name_id: string;
  name_en: string;
  contra: Generated<number>;
  system: Generated<number>;
  created_at: string;
}
export interface JournalEntriesTable {
  shop_id: string;
  id: string;
  idem_key: string;
  day: string;
  source_type: string;
  source_id: string | null;
  memo: Generated<string>;
  reverses_id: string | null;
  created_by: string | null;
  created_at: string;
  /** 0022: YYYY-MM of the closed month a correction posted into an open one belongs to. */
  belongs_to: Generated<string | null>;
}
export interface JournalPostingsTable {
  shop_id: string;
  entry_id: string;
  line_no: number;
  account_code: string;
  amount: number;
  day: string;
}
/** 0023: sales per day/month, channel and product ('' = the channel's order-level row), maintained with each sale's posting. */
export interface SalesTotalsTable {
  shop_id: string;
  grain: 'm' | 'd';
  period: string;
  channel: string;
  product_id: string;
  quantity: number;
  gross: number;
  returns: number;
  orders: number;
  /** Of `orders`, those delivered outside the shop's own kabupaten (channel rows only). */
  outside_orders: Generated<number>;
}
export interface ProgramTargetsTable {
  program_id: string;
  indicator: string;
  min_percent: number;
  updated_by: string | null;
  updated_at: string;
}
export interface LedgerTotalsTable {
  shop_id: string;
  account_code: string;
  grain: 'a' | 'm' | 'd';
  period: string;
  debit: number;
  credit: number;
}
export type StockMovementKind = 'opening' | 'stock_in' | 'reserve' | 'release' | 'sale' | 'count' | 'return';
export interface StockMovementsTable {
  shop_id: string;
  id: string;
  idem_key: string;
  product_id: string;
  variant_id: string;
  kind: StockMovementKind;
  quantity: number;
  value: number;
  gl_value: number;
  order_id: string | null;
  line_no: number | null;
  entry_id: string | null;
  created_at: string;
}

/** 0044: a change made on a device offline and applied later (src/server/sync/apply-device-changes.ts). */
export interface DeviceChangesTable {
  shop_id: string;
  id: string;
  user_id: string;
  kind: string;
  outcome: 'applied' | 'conflict';
  message_key: Generated<string>;
  params: Generated<string>;
  order_code: string | null;
  occurred_at: string;
  created_at: string;
}
export interface LedgerPeriodsTable {
  shop_id: string;
  month: string;
  closed_at: string;
  closed_by: string | null;
}
export type DebtKind = 'receivable' | 'payable';
export interface LedgerDebtsTable {
  shop_id: string;
  id: string;
  kind: DebtKind;
  order_id: string | null;
  entry_id: string;
  party_name: string;
  party_phone: string | null;
  locale: Generated<string>;
  amount: number;
  settled: Generated<number>;
  reduced: Generated<number>;
  due_date: string | null;
  memo: Generated<string>;
  created_by: string | null;
  created_at: string;
}
export interface OrderReturnsTable {
  shop_id: string;
  id: string;
  order_id: string;
  entry_id: string;
  amount: number;
  cost: number;
  restock: number;
  reason: string;
  created_by: string | null;
  created_at: string;
}
export interface OrderReturnLinesTable {
  shop_id: string;
  return_id: string;
  order_id: string;
  line_no: number;
  quantity: number;
  amount: number;
  cost: number;
}
export type CashBookKind = 'expense' | 'capital' | 'drawing' | 'purchase_credit' | 'equipment';
export interface CashBookTable {
  shop_id: string;
  id: string;
  kind: CashBookKind;
  entry_id: string;
  account_code: string;
  amount: number;
  paid_with: 'cash' | 'bank' | 'credit';
  party_name: Generated<string>;
  memo: Generated<string>;
  receipt_media_id: string | null;
  debt_id: string | null;
  day: string;
  created_by: string | null;
  created_at: string;
}
export interface FixedAssetsTable {
  shop_id: string;
  id: string;
  name: string;
  cost: number;
  salvage: Generated<number>;
  life_months: number;
  start_month: string;
  cash_book_id: string;
  created_at: string;
  /** 0032: YYYY-MM, the last month whose depreciation is posted. */
  depreciated_through: Generated<string | null>;
  /** 0032: set when the purchase was reversed; no depreciation after it. */
  stopped_at: Generated<string | null>;
}

export interface MarketplaceOrdersTable {
  shop_id: string;
  marketplace: Marketplace;
  external_order_id: string;
  order_id: string;
  external_status: string;
  fees: number;
  /** The payout the export showed for this order (posted once), and its day. */
  released: Generated<number | null>;
  released_day: Generated<string | null>;
  created_at: string;
  updated_at: string;
}
/**
 * Each marketplace payout seen, by hand (the payout form) or in an export's released amounts, with what of it
 * the other path has not matched yet (import-payouts.ts, matchPayout).
 */
export interface MarketplacePayoutsTable {
  shop_id: string;
  id: string;
  marketplace: Marketplace;
  source: 'manual' | 'import';
  /** The export's order; null for a lump sum recorded by hand. */
  external_order_id: string | null;
  day: string;
  amount: number;
  unmatched: number;
  created_at: string;
}
export interface MarketplaceOrderLinesTable {
  shop_id: string;
  marketplace: Marketplace;
  external_order_id: string;
  line_key: string;
  order_id: string;
  line_no: number;
}
export interface MarketplaceProductMapsTable {
  shop_id: string;
  marketplace: Marketplace;
  external_key: string;
  product_id: string;
  variant_id: string | null;
  created_at: string;
}
export type MarketplaceImportStatus = 'previewed' | 'running' | 'done' | 'failed';
export interface MarketplaceImportsTable {
  shop_id: string;
  id: string;
  marketplace: Marketplace;
  format: 'csv' | 'xlsx';
  mapping_name: string | null;
  file_name: string;
  status: MarketplaceImportStatus;
  rows_total: number;
  rows_read: Generated<number>;
  orders_done: Generated<number>;
  /** JSON of the ImportPreview. */
  preview: string;
  /** JSON of the ImportResult once done. */
  result: string | null;
  /** An i18n key when the run failed. */
  error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export interface MarketplaceColumnMapsTable {
  shop_id: string;
  name: string;
  mapping: string;
  updated_at: string;
}
export type BusinessScale = 'mikro' | 'kecil' | 'menengah';
/** 0045: one row per shop in a program: business facts kept by officers (and the owner's opt-out). */
export interface ShopRegistryTable {
  shop_id: string;
  owner_name: Generated<string>;
  nib: Generated<string>;
  kbli: Generated<string>;
  business_scale: Generated<BusinessScale>;
  /** OVOP star rating 1-5, null = not rated. */
  ovop_star: number | null;
  training_cohort: string | null;
  /** YYYY-MM-DD. */
  program_start_date: string | null;
  /** 1 = the owner opted the shop out of per-shop views (it still counts in aggregates). */
  per_shop_opt_out: Generated<number>;
  updated_at: string;
  updated_by: string | null;
}
export type LicenceKind = 'pirt' | 'halal' | 'bpom_md' | 'merek';
export interface ShopLicencesTable {
  shop_id: string;
  id: string;
  kind: LicenceKind;
  number: string;
  /** YYYY-MM-DD. */
  issued_on: string | null;
  /** YYYY-MM-DD; null = does not expire. */
  expires_on: string | null;
  updated_by: string | null;
  updated_at: string;
}
/** 0045: pre-program monthly sales estimated by an officer or the owner. */
export interface ShopBaselinesTable {
  shop_id: string;
  id: string;
  /** YYYY-MM. */
  month: string;
  sales_rupiah: number;
  /** How the figure was estimated (free text). */
  method: string;
  recorded_by: string | null;
  recorded_at: string;
}

export interface TrainingsTable {
  id: string;
  program_id: string;
  title: string;
  /** YYYY-MM-DD in the program's time zone. */
  held_on: string;
  cohort: Generated<string>;
  district_id: string | null;
  village_id: string | null;
  notes: Generated<string>;
  created_by: string;
  created_at: string;
}
export interface TrainingAttendeesTable {
  id: string;
  training_id: string;
  program_id: string;
  shop_id: string;
  person_name: Generated<string>;
  created_at: string;
}
export type SurveyKind = 'pre' | 'post';
export type SurveyQuestionKind = 'likert' | 'text';
export interface SurveysTable {
  id: string;
  program_id: string;
  training_id: string;
  kind: SurveyKind;
  title: string;
  created_by: string;
  created_at: string;
}
export interface SurveyQuestionsTable {
  id: string;
  survey_id: string;
  position: number;
  kind: SurveyQuestionKind;
  key: string;
  text_id: string;
  text_en: string;
}
export interface SurveyLinksTable {
  token_hash: string;
  survey_id: string;
  attendee_id: string;
  program_id: string;
  expires_at: string;
  used_at: string | null;
  created_by: string;
  created_at: string;
}
export interface SurveyResponsesTable {
  id: string;
  survey_id: string;
  attendee_id: string;
  program_id: string;
  submitted_at: string;
}
export interface SurveyAnswersTable {
  response_id: string;
  question_id: string;
  likert: number | null;
  text: string | null;
}
export interface Database {
  programs: ProgramsTable;
  districts: DistrictsTable;
  villages: VillagesTable;
  users: UsersTable;
  program_officers: ProgramOfficersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  rate_limits: RateLimitsTable;
  shops: ShopsTable;
  shop_members: ShopMembersTable;
  shop_invites: ShopInvitesTable;
  audit_log: AuditLogTable;
  products: ProductsTable;
  media: MediaTable;
  product_variants: ProductVariantsTable;
  product_photos: ProductPhotosTable;
  shop_payment_settings: ShopPaymentSettingsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_events: OrderEventsTable;
  carts: CartsTable;
  cart_items: CartItemsTable;
  stripe_events: StripeEventsTable;
  designs: DesignsTable;
  design_versions: DesignVersionsTable;
  product_label_facts: ProductLabelFactsTable;
  shop_certifications: ShopCertificationsTable;
  brand_kits: BrandKitsTable;
  ledger_shops: LedgerShopsTable;
  ledger_accounts: LedgerAccountsTable;
  journal_entries: JournalEntriesTable;
  journal_postings: JournalPostingsTable;
  ledger_totals: LedgerTotalsTable;
  sales_totals: SalesTotalsTable;
  program_targets: ProgramTargetsTable;
  stock_movements: StockMovementsTable;
  ledger_periods: LedgerPeriodsTable;
  ledger_debts: LedgerDebtsTable;
  order_returns: OrderReturnsTable;
  marketplace_orders: MarketplaceOrdersTable;
  marketplace_order_lines: MarketplaceOrderLinesTable;
  marketplace_product_maps: MarketplaceProductMapsTable;
  marketplace_column_maps: MarketplaceColumnMapsTable;
  marketplace_imports: MarketplaceImportsTable;
  marketplace_payouts: MarketplacePayoutsTable;
  order_return_lines: OrderReturnLinesTable;
  cash_book: CashBookTable;
  fixed_assets: FixedAssetsTable;
  shop_registry: ShopRegistryTable;
  shop_licences: ShopLicencesTable;
  shop_baselines: ShopBaselinesTable;
  device_changes: DeviceChangesTable;
  trainings: TrainingsTable;
  training_attendees: TrainingAttendeesTable;
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_links: SurveyLinksTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
}

export type User = Selectable<UsersTable>;
export type Shop = Selectable<ShopsTable>;
export type NewShop = Insertable<ShopsTable>;
export type ShopUpdate = Updateable<ShopsTable>;
export type Product = Selectable<ProductsTable>;
