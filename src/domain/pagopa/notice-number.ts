// pagoPA notice numbers with aux digit 3: `3` + segregation code (2 digits) + IUV base (13 digits)
// + check digits (2). The IUV is the last 17 digits; the check digits are the remainder mod 93 of
// the number `3` + segregation code + IUV base (pagoPA "Specifiche attuative dei codici IUV").

export interface NoticeNumber {
  noticeNumber: string;
  iuv: string;
  checkDigits: string;
}

const DIGITS = (n: number) => new RegExp(`^\\d{${n}}$`);

export function checkDigits(segregationCode: string, iuvBase: string): string {
  return String(BigInt(`3${segregationCode}${iuvBase}`) % 93n).padStart(2, '0');
}

export function noticeNumberFor(segregationCode: string, iuvBase: string): NoticeNumber {
  if (!DIGITS(2).test(segregationCode))
    throw new Error(`segregation code must be 2 digits: ${segregationCode}`);
  if (!DIGITS(13).test(iuvBase)) throw new Error(`IUV base must be 13 digits: ${iuvBase}`);
  const check = checkDigits(segregationCode, iuvBase);
  const iuv = `${segregationCode}${iuvBase}${check}`;
  return { noticeNumber: `3${iuv}`, iuv, checkDigits: check };
}

/** Whether an 18-digit notice number with aux digit 3 carries the right check digits. */
export function isValidNoticeNumber(noticeNumber: string): boolean {
  if (!DIGITS(18).test(noticeNumber) || !noticeNumber.startsWith('3')) return false;
  return checkDigits(noticeNumber.slice(1, 3), noticeNumber.slice(3, 16)) === noticeNumber.slice(16);
}
