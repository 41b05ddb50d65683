/**
 * Copies an element's text to the clipboard. Browsers give the Clipboard API to secure contexts
 * only (https, or the node on 127.0.0.1 / localhost); elsewhere, or if it is refused, the text is
 * selected so the visitor can copy it with the keyboard. Returns whether it was copied.
 */
export async function copyText(source: HTMLElement): Promise<boolean> {
  const text = source.textContent ?? '';
  try {
    if (navigator.clipboard === undefined) throw new Error('no Clipboard API outside secure contexts');
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return false;
  }
}
