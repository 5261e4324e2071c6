import { api, type BodyOf, type ResponseOf } from './request';

export type HolidayYears = ResponseOf<'/calendar/holidays'>;
export type HolidayYear = ResponseOf<'/calendar/holidays/{year}'>;
export type HolidayVersion = ResponseOf<'/calendar/holidays/{year}/versions/{version}'>;
export type SaveHolidayYearBody = BodyOf<'/calendar/holidays/{year}', 'put'>;
export type HolidayEntry = SaveHolidayYearBody['entries'][number];

export const listHolidayYears = () => api.get('/calendar/holidays');
export const getHolidayYear = (year: number) => api.get('/calendar/holidays/{year}', { path: { year } });
export const getHolidayVersion = (year: number, version: number) => api.get('/calendar/holidays/{year}/versions/{version}', { path: { year, version } });
export const saveHolidayYear = (year: number, body: SaveHolidayYearBody) => api.put('/calendar/holidays/{year}', { path: { year }, body });
