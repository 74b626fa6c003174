import { z } from 'zod';
import { callRecordSchema } from './call-records';
import { idSchema, instantSchema, pageQuerySchema, pageSchema } from './common';

/** What a customer's number is. */
export const phoneLabelSchema = z.enum(['mobile', 'home', 'work', 'fax', 'other']);
export type PhoneLabel = z.infer<typeof phoneLabelSchema>;

/**
 * A phone number as typed: `03-1234-5678`, `0312345678`, `+81 3-1234-5678`, `０９０…`.
 * @remarks The service normalises it to E.164 (Japan by default) and answers 400 on this
 * field when it is not a valid number. Without a label, mobiles are labelled `mobile`.
 */
export const customerPhoneInputSchema = z.object({
  number: z.string().trim().min(1, 'required').max(40, 'at most 40 characters'),
  label: phoneLabelSchema.optional(),
});
export type CustomerPhoneInput = z.infer<typeof customerPhoneInputSchema>;

/** A stored number: E.164 and the national form for display (`03-1234-5678`). */
export const customerPhoneSchema = z.object({
  e164: z.string(),
  national: z.string(),
  label: phoneLabelSchema,
});
export type CustomerPhone = z.infer<typeof customerPhoneSchema>;

export const maxCustomerPhones = 10;

const phonesSchema = z.array(customerPhoneInputSchema).max(maxCustomerPhones, `at most ${maxCustomerPhones} numbers`);
const nameSchema = z.string().trim().min(1, 'required').max(100, 'at most 100 characters');
/** フリガナ: katakana (hiragana is converted), spaces and ー. */
const nameKanaSchema = z
  .string()
  .trim()
  .max(100, 'at most 100 characters')
  .regex(/^[\u3041-\u3096\u30a1-\u30fa\u30fc\uff66-\uff9f\s・=＝]*$/u, 'use katakana (フリガナ)');
const emailSchema = z.email('not an e-mail address').max(254);
const addressSchema = z.string().trim().max(300, 'at most 300 characters');
const notesSchema = z.string().max(10_000, 'at most 10000 characters');

/** POST /api/customers */
export const customerCreateSchema = z.object({
  /** The owning group (所属); may be left out by a user who belongs to exactly one group. */
  groupId: idSchema.optional(),
  name: nameSchema,
  nameKana: nameKanaSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  address: addressSchema.nullable().optional(),
  notes: notesSchema.optional(),
  phones: phonesSchema.default([]),
});
export type CustomerCreate = z.input<typeof customerCreateSchema>;

/**
 * PATCH /api/customers/:id
 * @remarks `expectedVersion` as for call records (409 when stale); `phones`, when given,
 * replaces the whole list.
 */
export const customerPatchSchema = z.object({
  expectedVersion: z.number().int().min(1),
  name: nameSchema.optional(),
  nameKana: nameKanaSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  address: addressSchema.nullable().optional(),
  notes: notesSchema.optional(),
  phones: phonesSchema.optional(),
});
export type CustomerPatch = z.infer<typeof customerPatchSchema>;

/** A customer (顧客) as the SPA sees it. */
export const customerSchema = z.object({
  id: idSchema,
  groupId: idSchema,
  name: z.string(),
  nameKana: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string(),
  phones: z.array(customerPhoneSchema),
  version: z.number().int(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type CustomerDto = z.infer<typeof customerSchema>;

/** GET /api/customers/:id — the customer with their most recent calls. */
export const customerDetailSchema = customerSchema.extend({ recentCallRecords: z.array(callRecordSchema) });
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

/** GET /api/customers — newest first; `q` looks in name, フリガナ and notes, `phone` takes any format. */
export const customerSearchQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().min(1).max(100).optional(),
  phone: z.string().trim().min(1).max(40).optional(),
});
export type CustomerSearchQuery = z.infer<typeof customerSearchQuerySchema>;

export const customerPageSchema = pageSchema(customerSchema);
export type CustomerPage = z.infer<typeof customerPageSchema>;

/** GET /api/customers/lookup?number= — screen pop for an incoming or outgoing call. */
export const customerLookupQuerySchema = z.object({
  number: z.string().trim().min(1, 'required').max(64),
});
export type CustomerLookupQuery = z.infer<typeof customerLookupQuerySchema>;

/** The customers with exactly that number in the caller's groups (0..n), each with their last 5 calls. */
export const customerLookupResultSchema = z.object({
  /** The number as looked up, in E.164; `null` when it is no phone number (an extension). */
  e164: z.string().nullable(),
  items: z.array(customerDetailSchema),
});
export type CustomerLookupResult = z.infer<typeof customerLookupResultSchema>;
