const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The twelve telephone keys; `onKey` receives the key pressed. */
export function Keypad({ onKey, label, testIdPrefix, disabled = false }: { onKey: (key: string) => void; label: string; testIdPrefix: string; disabled?: boolean }) {
  return (
    <div role="group" aria-label={label} className="grid grid-cols-3 gap-2">
      {keys.map((key) => (
        <button
          key={key}
          type="button"
          disabled={disabled}
          data-testid={`${testIdPrefix}-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`}
          onClick={() => onKey(key)}
          className="rounded-lg bg-slate-100 py-2 text-lg font-semibold text-slate-800 hover:bg-slate-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:text-slate-400"
        >
          {key}
        </button>
      ))}
    </div>
  );
}
