import { fieldsInUse, type InputField, type ModelFormSpec, optionLabel } from "@/shared/model-form";
import styles from "./generation-inputs.module.css";

type Props = { modelLabel: string; input: Record<string, unknown>; spec: ModelFormSpec | undefined };

function display(value: unknown): string {
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

// Inputs left out of the request ran with the catalogue default, which the server filled in.
function effective(field: InputField, input: Record<string, unknown>): unknown {
  const value = input[field.name];
  return value === undefined && "default" in field ? field.default : value;
}

/** The inputs a generation ran with, labelled as the form labels them, in the form's order. */
export function GenerationInputs({ modelLabel, input, spec }: Props) {
  const known = (spec?.fields ?? []).map((f) => f.name);
  // As the form showed them: a refiner's settings only with that refiner.
  const fields = spec ? fieldsInUse(spec.fields, input) : [];
  const rows: { key: string; label: string; value: string; wide?: boolean; image?: string }[] = [
    { key: "model", label: "Model", value: modelLabel },
  ];
  const widthField = fields.find((f) => f.name === "width");
  const heightField = fields.find((f) => f.name === "height");
  for (const field of fields) {
    if (field === heightField && widthField) continue;
    const value = effective(field, input);
    if (field === widthField && heightField) {
      rows.push({ key: "size", label: "Size", value: `${display(value)} × ${display(effective(heightField, input))}` });
    } else if (field.kind === "seed") {
      rows.push({ key: field.name, label: field.label, value: value === undefined ? "Random" : display(value) });
    } else if (field.kind === "enum" && value !== undefined && value !== "") {
      // As the form's select reads it ("Match input image"), not the value sent (`match_input_image`).
      rows.push({ key: field.name, label: field.label, value: optionLabel(field, String(value)) });
    } else if (field.kind === "image" && typeof value === "string" && value !== "") {
      rows.push({ key: field.name, label: field.label, value: "", image: value, wide: true });
    } else if (value !== undefined && value !== "") {
      rows.push({ key: field.name, label: field.label, value: display(value), wide: field.kind === "text" });
    }
  }
  // Inputs the catalogue no longer lists (an older generation) are still shown, under their raw names.
  for (const [name, value] of Object.entries(input)) {
    if (!known.includes(name)) rows.push({ key: name, label: name, value: display(value) });
  }

  return (
    <dl className={styles.list}>
      {rows.map((row) => (
        <div key={row.key} className={row.wide ? styles.wide : styles.row}>
          <dt>{row.label}</dt>
          <dd>
            {row.image ? (
              <a href={row.image} target="_blank" rel="noreferrer">
                {/* biome-ignore lint/performance/noImgElement: the input as stored */}
                <img src={row.image} alt={`${row.label} input`} className={styles.thumb} />
              </a>
            ) : (
              row.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
