import type { AccessModule } from './access-case';

/** Customers: one group-A customer; creating and searching are open to every signed-in user within their groups. */
export const customerAccessCases: AccessModule = async (_testApp, callers) => {
  const supervisorA = await callers.get('sv-a');
  const created = await supervisorA.post('/api/customers', { name: 'アクセス 確認', nameKana: 'アクセス カクニン', phones: [{ number: '03-9999-0001' }] });
  if (created.statusCode !== 201) throw new Error(`fixture customer: ${created.statusCode} ${created.body}`);
  const customer = created.json<{ id: string; version: number }>();
  const signedIn = ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'] as const;
  const groupA = ['admin', 'sv-a', 'agent-a'] as const;

  return [
    {
      method: 'POST',
      route: '/api/customers',
      url: '/api/customers',
      body: { name: '新規 顧客' },
      allowed: signedIn,
      what: "create a customer in the caller's only group",
    },
    { method: 'GET', route: '/api/customers', url: '/api/customers?q=アクセス', allowed: signedIn, what: 'search the customers of my groups' },
    { method: 'GET', route: '/api/customers/lookup', url: '/api/customers/lookup?number=0399990001', allowed: signedIn, what: 'screen pop by number (filtered to my groups)' },
    { method: 'GET', route: '/api/customers/:id', url: `/api/customers/${customer.id}`, allowed: groupA, what: 'read a group-A customer' },
    {
      method: 'PATCH',
      route: '/api/customers/:id',
      url: `/api/customers/${customer.id}`,
      // Saving what is already there keeps the version, so every allowed caller can repeat it.
      body: { expectedVersion: customer.version, name: 'アクセス 確認' },
      allowed: groupA,
      what: 'edit a group-A customer',
    },
  ];
};
