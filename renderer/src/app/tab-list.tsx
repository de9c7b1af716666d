import type { ReactNode } from 'react';

/** A row of tabs (one screen's views); `label` draws each tab's text. */
export function TabList<const T extends string>({
  tabs,
  value,
  onChange,
  label,
}: {
  tabs: readonly T[];
  value: NoInfer<T>;
  onChange(tab: NoInfer<T>): void;
  label(tab: T): ReactNode;
}) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={value === tab}
          className={value === tab ? 'active' : undefined}
          onClick={() => onChange(tab)}
        >
          {label(tab)}
        </button>
      ))}
    </div>
  );
}
