/**
 * Hands text to the browser as a downloaded file: a Blob URL clicked through a detached link, and
 * revoked once the browser has had time to start the download.
 */
export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
