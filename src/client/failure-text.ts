import "client-only";

// A failed generation's error in plain words, with a next step. Model errors arrive raw (a CUDA
// out-of-memory trace, a Python exception); our own messages are already sentences for a person.
// Raw text is kept for a "Details" disclosure, never shown as the headline.

export type FailureText = { summary: string; nextStep: string; details: string | null };

type Rule = { test: RegExp; summary: string; nextStep: string };

const rules: Rule[] = [
  {
    test: /out of memory|CUDA|OOM\b/i,
    summary: "The model ran out of memory on its GPU.",
    nextStep: "Try a smaller size or fewer images, then run it again.",
  },
  {
    test: /NSFW|safety checker|sensitive content/i,
    summary: "The model's safety filter blocked the image.",
    nextStep: "Reword the prompt and try again.",
  },
  {
    test: /timed? ?out|timeout|deadline exceeded/i,
    summary: "The model took too long and was stopped.",
    nextStep: "Try again in a moment, or with fewer steps or a smaller size.",
  },
  {
    test: /divisible by|invalid (value|input)|ValueError|must be/i,
    summary: "The model did not accept these settings.",
    nextStep: "Check the size and the advanced settings, then try again.",
  },
];

/** Reads like text meant for a person: one or two sentences, no code, no traceback. */
const isPlainSentence = (text: string) =>
  text.length <= 300 && !/[{}[\]<>\n]|Traceback|Error:|Exception|\w+_\w+\(|^\w+Error\b/.test(text) && /[.!?]$/.test(text);

export function failureText(error: string | null): FailureText {
  const raw = error?.trim() || null;
  if (!raw) {
    return { summary: "The generation failed, and the model did not say why.", nextStep: "Run it again.", details: null };
  }
  const rule = rules.find((r) => r.test.test(raw));
  if (rule) return { summary: rule.summary, nextStep: rule.nextStep, details: raw };
  if (isPlainSentence(raw)) return { summary: raw, nextStep: "Run it again, or try another model.", details: null };
  return {
    summary: "The model stopped with an error.",
    nextStep: "Run it again; if it keeps failing, try another model or simpler settings.",
    details: raw,
  };
}
