/** The agent's state and its controls (available, not-ready with a reason, after-call work). */
export function AgentStateBar() {
  return null;
}
