import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../../src/contract/common';
import {
  customerCreateSchema,
  customerDetailSchema,
  customerLookupQuerySchema,
  customerLookupResultSchema,
  customerPageSchema,
  customerPatchSchema,
  customerSchema,
  customerSearchQuerySchema,
  type CustomerDetail,
  type CustomerDto,
} from '../../../../src/contract/customers';
import { errorResponseSchema } from '../../../../src/contract/errors';
import type { Customer } from '../../domain/customers/customer';
import type { CustomerWithCalls } from '../../domain/customers/customer-service';
import { formatNational } from '../../domain/customers/phone-number';
import type { AppDependencies } from '../app';
import { originOf, requireActor } from '../request-context';
import { callRecordDto } from './call-record-routes';
import { withFieldsIn } from './field-location';

function customerDto(customer: Customer): CustomerDto {
  const { tenantId: _tenant, ...shown } = customer;
  return {
    ...shown,
    phones: customer.phones.map((phone) => ({ e164: phone.e164, national: formatNational(phone.e164), label: phone.label })),
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}

function customerDetailDto({ customer, recentCalls }: CustomerWithCalls): CustomerDetail {
  return { ...customerDto(customer), recentCallRecords: recentCalls.map(callRecordDto) };
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

/** Customers (顧客情報): screen pop by number, search, create and edit. */
export function customerRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/customers',
      {
        schema: {
          tags: ['customers'],
          summary: 'Create a customer in my group (numbers in any format; 409 when one is taken in the group)',
          body: customerCreateSchema,
          response: { 201: customerSchema, 409: errorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { groupId, ...form } = request.body;
        const customer = await withFieldsIn('body', () => deps.customers.create(requireActor(request), originOf(request), groupId, form));
        return reply.status(201).send(customerDto(customer));
      },
    );

    app.get(
      '/api/customers/lookup',
      {
        schema: {
          tags: ['customers'],
          summary: 'Screen pop: customers of my groups with exactly this number, with their last 5 calls',
          querystring: customerLookupQuerySchema,
          response: { 200: customerLookupResultSchema, ...errors },
        },
      },
      async (request) => {
        const lookup = await deps.customers.lookup(requireActor(request), originOf(request), request.query.number);
        return { e164: lookup.e164, items: lookup.matches.map(customerDetailDto) };
      },
    );

    app.get(
      '/api/customers',
      {
        schema: {
          tags: ['customers'],
          summary: 'Search customers of my groups by name, フリガナ, notes or number, newest first',
          querystring: customerSearchQuerySchema,
          response: { 200: customerPageSchema, ...errors },
        },
      },
      async (request) => {
        const page = await withFieldsIn('querystring', () => deps.customers.search(requireActor(request), originOf(request), request.query));
        return { items: page.items.map(customerDto), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/api/customers/:id',
      {
        schema: {
          tags: ['customers'],
          summary: 'A customer of my groups with their recent calls',
          params: z.object({ id: idSchema }),
          response: { 200: customerDetailSchema, ...errors },
        },
      },
      async (request) => customerDetailDto(await deps.customers.get(requireActor(request), originOf(request), request.params.id)),
    );

    app.patch(
      '/api/customers/:id',
      {
        schema: {
          tags: ['customers'],
          summary: 'Edit a customer; 409 on a stale version or a number taken in the group',
          params: z.object({ id: idSchema }),
          body: customerPatchSchema,
          response: { 200: customerSchema, 409: errorResponseSchema, ...errors },
        },
      },
      async (request) => {
        const customer = await withFieldsIn('body', () => deps.customers.update(requireActor(request), originOf(request), request.params.id, request.body));
        return customerDto(customer);
      },
    );
  };
}
