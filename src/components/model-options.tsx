/** A model select's options: "any" first (the empty value), then each catalogue model by its label. */
export function ModelOptions({ models, anyLabel }: { models: readonly { key: string; label: string }[]; anyLabel: string }) {
  return (
    <>
      <option value="">{anyLabel}</option>
      {models.map((m) => (
        <option key={m.key} value={m.key}>
          {m.label}
        </option>
      ))}
    </>
  );
}
