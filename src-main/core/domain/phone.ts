// Mobile: 11 digits starting 1[3-9]. Landline: area code 0xx/0xxx, 7–8 digits, optional extension.
const mobile = /^1[3-9]\d{9}$/;
const landline = /^0\d{2,3}-\d{7,8}(-\d{1,6})?$/;

/** Returns the canonical form of a Chinese phone number, or null when it is not one. */
export function normalizePhone(raw: string): string | null {
  let value = raw.replace(/[\s\u3000]/g, '').replace(/[－—–]/g, '-').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  value = value.replace(/^(\+|00)86-?/, '');
  if (mobile.test(value.replace(/-/g, ''))) return value.replace(/-/g, '');
  // Area codes are 010 and 02x (three digits) or 0[3-9]xx (four), so an undashed number splits one way only.
  // A local number is 7 or 8 digits, so 0571-8888-7777 is one number written in groups of four,
  // not 8888 with extension 7777.
  const grouped = /^(0(?:10|2\d|[3-9]\d{2}))-?(\d{3,4})-(\d{4})((?:-\d{1,6})?)$/.exec(value);
  if (grouped) value = `${grouped[1]}-${grouped[2]}${grouped[3]}${grouped[4]}`;
  const landlineMatch = /^(0(?:10|2\d|[3-9]\d{2}))-?(\d{7,8})(?:-(\d{1,6}))?$/.exec(value);
  if (landlineMatch) {
    const formatted = `${landlineMatch[1]}-${landlineMatch[2]}${landlineMatch[3] ? `-${landlineMatch[3]}` : ''}`;
    return landline.test(formatted) ? formatted : null;
  }
  return null;
}

/** 138****5678 for mobiles; landlines keep the area code and the last 4 digits. */
export function maskPhone(phone: string): string {
  if (mobile.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const digits = phone.replace(/-\d{1,6}$/, '');
  if (digits.length <= 4) return '****';
  const dash = digits.indexOf('-');
  const head = dash > 0 ? digits.slice(0, dash + 1) : '';
  const tail = digits.slice(-4);
  return `${head}${'*'.repeat(Math.max(0, digits.length - head.length - 4))}${tail}`;
}
