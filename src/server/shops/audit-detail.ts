/** An audit event's details (stored JSON) as one line of text: `fields: name, slug; member: …`. */
export function auditDetailText(raw: string): string {
  try {
    const d = JSON.parse(raw) as Record<string, unknown>;
    return Object.entries(d)
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
      .join('; ');
  } catch {
    return '';
  }
}
