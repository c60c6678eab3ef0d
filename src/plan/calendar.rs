//! plan's calendar: the window laid out in days, months and ISO weeks with their workdays, and
//! the date arithmetic and ISO text around it. `progress` counts its workdays here too.

use time::Date;

use super::PlanOptions;
use crate::error::{Error, Result};

/// A month or an ISO week of the window, with its workdays.
pub(crate) struct Period {
    pub(crate) label: String,
    pub(crate) start: Date,
    pub(crate) workdays: u32,
}

/// The window laid out in days: its length, workdays, months and ISO weeks.
pub(crate) struct Calendar {
    pub(crate) days: u32,
    pub(crate) workdays: u32,
    pub(crate) months: Vec<Period>,
    pub(crate) weeks: Vec<Period>,
}

impl Calendar {
    pub(crate) fn of(options: &PlanOptions) -> Result<Calendar> {
        let work_week = WorkWeek::of(options);
        let mut calendar = Calendar {
            days: 0,
            workdays: 0,
            months: Vec::new(),
            weeks: Vec::new(),
        };
        let mut day = options.start;
        loop {
            calendar.days += 1;
            let weekday = day.weekday().number_from_monday();
            if day == options.start || day.day() == 1 {
                let mut label = String::with_capacity(7);
                push_digits(&mut label, day.year(), 4);
                label.push('-');
                push_digits(&mut label, u8::from(day.month()).into(), 2);
                calendar.months.push(Period {
                    label,
                    start: day,
                    workdays: 0,
                });
            }
            if day == options.start || weekday == 1 {
                let (week_year, week, _) = day.to_iso_week_date();
                let mut label = String::with_capacity(8);
                push_digits(&mut label, week_year, 4);
                label.push_str("-W");
                push_digits(&mut label, week.into(), 2);
                calendar.weeks.push(Period {
                    label,
                    start: day,
                    workdays: 0,
                });
            }
            if work_week.works(day) {
                calendar.workdays += 1;
                for period in [calendar.months.last_mut(), calendar.weeks.last_mut()]
                    .into_iter()
                    .flatten()
                {
                    period.workdays += 1;
                }
            }
            if day >= options.end {
                return Ok(calendar);
            }
            // The window ends by 2200-12-31 at the latest, far inside the calendar's range.
            day = day.next_day().ok_or_else(|| Error::overflow("/days"))?;
        }
    }
}

/// Which days are worked: the options' weekdays, less their holidays.
struct WorkWeek<'a> {
    weekdays: [bool; 8],
    holidays: &'a [Date],
}

impl<'a> WorkWeek<'a> {
    fn of(options: &'a PlanOptions) -> Self {
        let mut weekdays = [false; 8];
        for &weekday in &options.workdays {
            weekdays[usize::from(weekday.min(7))] = true;
        }
        WorkWeek {
            weekdays,
            holidays: &options.holidays,
        }
    }

    fn works(&self, day: Date) -> bool {
        // At most 400 holidays, and repeats or dates outside the window do not matter.
        self.weekdays[usize::from(day.weekday().number_from_monday())]
            && !self.holidays.contains(&day)
    }
}

/// The workdays from the window's start to `last`, both included, counted as the plan counts
/// them (0 when `last` is before the start).
#[cfg(any(feature = "progress-export", not(target_arch = "wasm32")))]
pub(crate) fn workdays_through(options: &PlanOptions, last: Date) -> u32 {
    let work_week = WorkWeek::of(options);
    let mut count = 0;
    let mut day = options.start;
    while day <= last {
        count += u32::from(work_week.works(day));
        // The checked options end by 2200-12-31, far inside the calendar's range.
        let Some(next) = day.next_day() else { break };
        day = next;
    }
    count
}

/// Appends `value` with at least `width` digits, zero-padded: years, months, weeks.
fn push_digits(out: &mut String, value: i32, width: u32) {
    let value = value.unsigned_abs();
    for place in (0..width).rev() {
        out.push(char::from(b'0' + (value / 10u32.pow(place) % 10) as u8));
    }
}

/// The date `days` days before `date`, if it lies in the year 1 or later. Whole years are
/// stepped first, each measured by the calendar, then single days: a few thousand steps
/// at most, with the calendar's smallest operations.
pub(crate) fn days_before(mut date: Date, mut days: u128) -> Option<Date> {
    while days > 400 {
        // Day 28 exists in every month; the step is measured, so moving off the 31st is fine.
        let year_back = Date::from_calendar_date(date.year() - 1, date.month(), date.day().min(28))
            .ok()
            .filter(|earlier| earlier.year() >= 1)?;
        days -= (date - year_back).whole_days().unsigned_abs() as u128;
        date = year_back;
    }
    for _ in 0..days {
        date = date.previous_day().filter(|earlier| earlier.year() >= 1)?;
    }
    Some(date)
}

/// `YYYY-MM-DD`.
pub(crate) fn iso_date(date: Date) -> String {
    let mut text = String::with_capacity(10);
    push_digits(&mut text, date.year(), 4);
    text.push('-');
    push_digits(&mut text, u8::from(date.month()).into(), 2);
    text.push('-');
    push_digits(&mut text, date.day().into(), 2);
    text
}

pub(crate) fn serialize_date<S: serde::Serializer>(
    date: &Date,
    serializer: S,
) -> core::result::Result<S::Ok, S::Error> {
    serializer.serialize_str(&iso_date(*date))
}
