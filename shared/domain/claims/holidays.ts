/**
 * Public holidays per country from `date-holidays` (a maintained, data-driven library: national
 * holidays of ~200 countries). Only days of type `public` count: bank holidays and observances
 * (Swedish midsummer eve, Christmas eve outside Poland) are working days for a deadline.
 */
import Holidays from 'date-holidays';

const COUNTRY = /^[A-Z]{2}$/;
const byCountryYear = new Map<string, Set<string>>();
let known: Set<string> | undefined;

/** Whether the holiday data knows the country (an ISO 3166-1 alpha-2 code, upper case). */
export function isKnownCountry(country: string): boolean {
  if (!COUNTRY.test(country)) return false;
  known ??= new Set(Object.keys(new Holidays().getCountries()));
  return known.has(country);
}

function holidaysOf(country: string, year: number): Set<string> {
  const key = `${country}:${year}`;
  let set = byCountryYear.get(key);
  if (!set) {
    const hd = new Holidays(country);
    set = new Set(
      (hd.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
    );
    byCountryYear.set(key, set);
  }
  return set;
}

/** A predicate for one country's public holidays; throws a RangeError for an unknown country. */
export function publicHolidays(country: string): (date: string) => boolean {
  if (!isKnownCountry(country)) throw new RangeError(`unknown country code: ${country}`);
  return (date) => holidaysOf(country, Number(date.slice(0, 4))).has(date);
}
