import { describe, expect, it } from 'vitest';
import { pickFreePorts, testMediaPorts } from './ports';

describe('pickFreePorts', () => {
  it('hands out distinct free ports, never inside the band the tests’ rtpengines relay media on', async () => {
    // Enough picks that, drawn from the kernel's ephemeral range (~28,000 ports), several would
    // fall in the 600-port band if nothing kept them out.
    const ports = await pickFreePorts(300);
    expect(new Set(ports).size).toBe(300);
    expect(ports.filter((port) => port >= testMediaPorts.min && port <= testMediaPorts.max)).toEqual([]);
  });
});
