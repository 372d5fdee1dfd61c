// Loads the real Torino holiday calendar from rules/, so tests check the data maintainers edit.
import { readFileSync } from 'node:fs';
import type { HolidayCalendar } from '../../src/domain/calendar/working-days.js';

interface ParametersFile {
  parameters: Record<string, { history: HolidayCalendar }>;
}

const file = new URL('../fixtures/rules/calendars/torino.parameters.json', import.meta.url);
const parsed = JSON.parse(readFileSync(file, 'utf8')) as ParametersFile;
const parameter = parsed.parameters['calendar.torino.holidays'];
if (parameter === undefined) throw new Error('calendar.torino.holidays missing from torino.parameters.json');

export const torino: HolidayCalendar = parameter.history;
