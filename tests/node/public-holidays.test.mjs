// Public holidays computed from their rules (www/widget/panels/public-holidays.js), against dates
// published by each country for known years, and Easter against the published dates of Easter
// Sunday over four centuries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countryOf, easterSunday, publicHolidays } from '../../www/widget/panels/public-holidays.js';

const iso = (time) => new Date(time).toISOString().slice(0, 10);

test('Easter Sunday from the computus, against published dates', () => {
  const known = ['1818-03-22', '1943-04-25', '2000-04-23', '2008-03-23', '2011-04-24', '2019-04-21', '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2038-04-25', '2285-03-22'];
  for (const date of known) assert.equal(iso(easterSunday(Number(date.slice(0, 4)))), date);
});

test('each country\'s holidays in 2027, as published', () => {
  const year = (country) => publicHolidays(country, '2027-01-01', '2027-12-31').map((date) => date.slice(5));
  assert.deepEqual(year('DK'), ['01-01', '03-25', '03-26', '03-28', '03-29', '05-06', '05-16', '05-17', '12-25', '12-26']);
  assert.deepEqual(year('NL'), ['01-01', '03-28', '03-29', '04-27', '05-06', '05-16', '05-17', '12-25', '12-26']);
  assert.deepEqual(year('DE'), ['01-01', '03-26', '03-29', '05-01', '05-06', '05-17', '10-03', '12-25', '12-26']);
  // Christmas on a Saturday: the bank holidays move to Monday 27 and Tuesday 28.
  assert.deepEqual(year('GB'), ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28']);
  // Observed days: Juneteenth (Sat) on Friday 18, 4 July (Sun) on Monday 5, Christmas (Sat) on
  // Friday 24, and New Year's Day 2028 (Sat) on Friday 31 December 2027.
  assert.deepEqual(year('US'), ['01-01', '01-18', '02-15', '05-31', '06-18', '07-05', '09-06', '10-11', '11-11', '11-25', '12-24', '12-31']);
});

test('rules that change with the year', () => {
  // Store bededag until 2023; Koningsdag on the 26th when the 27th is a Sunday; Bevrijdingsdag every fifth year.
  assert.ok(publicHolidays('DK', '2023-01-01', '2023-12-31').includes('2023-05-05'));
  assert.ok(!publicHolidays('DK', '2024-01-01', '2024-12-31').some((date) => date.startsWith('2024-04-26')));
  assert.deepEqual(publicHolidays('NL', '2025-04-01', '2025-05-31'), ['2025-04-20', '2025-04-21', '2025-04-26', '2025-05-05', '2025-05-29']);
  // Christmas on a Sunday (2022): Boxing Day on Monday 26, Christmas's substitute on Tuesday 27.
  assert.deepEqual(publicHolidays('GB', '2022-12-01', '2022-12-31'), ['2022-12-26', '2022-12-27']);
});

test('a window across a year end, and the window\'s own bounds', () => {
  assert.deepEqual(publicHolidays('DK', '2026-12-20', '2027-01-05'), ['2026-12-25', '2026-12-26', '2027-01-01']);
  assert.deepEqual(publicHolidays('DK', '2027-01-02', '2027-03-24'), []);
  assert.deepEqual(publicHolidays('DK', '2027-03-31', '2027-03-01'), []);
});

test('the reader\'s country from the locale', () => {
  assert.deepEqual(['da-DK', 'nl-NL', 'nl-BE', 'en-GB', 'en-US', 'de-DE', 'da', 'xx'].map(countryOf), ['DK', 'NL', null, 'GB', 'US', 'DE', 'DK', null]);
});
