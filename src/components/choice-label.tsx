import type { ReactNode } from "react";

type Props = {
  type: "radio" | "checkbox";
  name: string;
  value: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string | undefined;
  inputClassName?: string | undefined;
  /** Shown on hover (e.g. a description the label hides until chosen). */
  title?: string | undefined;
  /** The id of text that describes the input (read with it by screen readers). */
  describedBy?: string | undefined;
  /** The input's name for screen readers, where the label shows less (a ratio for "Wide 16:9, 1344 × 768"). */
  ariaLabel?: string | undefined;
  /** What the label says beside the input. */
  children: ReactNode;
};

/** A native radio or checkbox inside its label: arrow keys, Space and screen readers work for free. */
export function ChoiceLabel({
  type,
  name,
  value,
  checked,
  onChange,
  className,
  inputClassName,
  title,
  describedBy,
  ariaLabel,
  children,
}: Props) {
  return (
    <label className={className} title={title}>
      <input
        type={type}
        name={name}
        value={value}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className={inputClassName}
        aria-describedby={describedBy}
        aria-label={ariaLabel}
      />
      {children}
    </label>
  );
}
