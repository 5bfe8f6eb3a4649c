"use client";

type Props = {
  className: string | undefined;
  loading: boolean;
  /** Called with the button (useFocusAfterMore's mark) before the next page is asked for. */
  onPress: (button: HTMLButtonElement) => void;
  onLoad: () => Promise<unknown>;
};

/** "Load more" under a list: disabled, saying "Loading…", while the next page is on its way. */
export function LoadMoreButton({ className, loading, onPress, onLoad }: Props) {
  return (
    <button
      type="button"
      className={className}
      onClick={(e) => {
        onPress(e.currentTarget);
        void onLoad();
      }}
      disabled={loading}
    >
      {loading ? "Loading…" : "Load more"}
    </button>
  );
}
