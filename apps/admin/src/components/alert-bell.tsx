// Placeholder: the AI cost monitoring work replaces this with the unread-alerts bell.
export function AlertBell() {
  return null;
}
