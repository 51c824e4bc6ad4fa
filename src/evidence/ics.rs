//! Reads iCalendar (.ics) exports as Google Calendar, Outlook and Apple
//! Calendar write them (RFC 5545) and turns them into the occurrences that
//! count: recurrences expanded with the `rrule` crate in each event's own wall
//! clock, `EXDATE`/`RDATE`/`RECURRENCE-ID` applied, `TZID`s resolved through
//! the IANA database or the file's own VTIMEZONE rules. Nothing but start,
//! end and whether an occurrence is a one-on-one leaves this module: titles,
//! descriptions and attendees are read only to be counted.

use super::calendar::{Occurrence, Occurrences};
use super::window::Window;
use super::zone::{Transition, Zone, ZoneRules};
use crate::model::location::{Position, Problem};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

/// The largest calendar file we read (64 MiB: decades of a busy calendar).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most occurrences one recurring event may produce up to the window's end.
pub const MAX_SERIES_OCCURRENCES: usize = 100_000;
/// The most occurrences one file may produce.
pub const MAX_FILE_OCCURRENCES: usize = 2_000_000;

/// Reads one calendar file. `me` are my addresses, to recognise the events I
/// declined.
pub fn read(path: &Path, window: &Window, me: &[String]) -> Result<Occurrences, Problem> {
    let fail = |message: String| Problem::new(path, Position::START, message);
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(fail("not a file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "file is {} bytes; the limit is {MAX_FILE_BYTES} bytes (64 MiB)",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let pos = Position::at(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        Problem::new(path, pos, "file is not valid UTF-8 text")
    })?;
    parse(&text, window, me)
        .map_err(|(line, message)| Problem::new(path, Position { line, col: 1 }, message))
}

/// A problem and the line it is on.
type Located = (usize, String);

/// Parses calendar text into the occurrences that count.
pub fn parse(text: &str, window: &Window, me: &[String]) -> Result<Occurrences, Located> {
    let cal = components(&unfold(text))?;
    let zones = Zones::new(&cal.timezones, window)?;
    let events = cal
        .events
        .iter()
        .map(|c| Event::read(c, me))
        .collect::<Result<Vec<_>, _>>()?;
    expand_all(&events, &zones, window)
}

// ---------------------------------------------------------------------------
// Content lines and components

/// One unfolded content line and the line number it started on.
struct Line {
    no: usize,
    text: String,
}

fn unfold(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let (Some(rest), Some(last)) = (raw.strip_prefix([' ', '\t']), out.last_mut()) {
            last.text.push_str(rest);
            continue;
        }
        if !raw.trim().is_empty() {
            out.push(Line {
                no: i + 1,
                text: raw.to_string(),
            });
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Prop {
    name: String,
    params: Vec<(String, String)>,
    value: String,
    line: usize,
}

impl Prop {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn parse_prop(line: &Line) -> Result<Prop, Located> {
    let bad = |what: &str| (line.no, format!("malformed content line: {what}"));
    let s = line.text.as_str();
    let name_end = s
        .find([';', ':'])
        .ok_or_else(|| bad("no ':' before the value"))?;
    let name = s[..name_end].trim().to_ascii_uppercase();
    if name.is_empty() {
        return Err(bad("no property name"));
    }
    let mut params = Vec::new();
    let mut rest = &s[name_end..];
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after
            .find('=')
            .ok_or_else(|| bad("a parameter without '='"))?;
        let pname = after[..eq].trim().to_ascii_uppercase();
        let mut v = &after[eq + 1..];
        let mut value = String::new();
        loop {
            if let Some(q) = v.strip_prefix('"') {
                let close = q.find('"').ok_or_else(|| bad("an unclosed quote"))?;
                value.push_str(&q[..close]);
                v = &q[close + 1..];
            } else {
                let end = v.find([';', ':', ',']).unwrap_or(v.len());
                value.push_str(&v[..end]);
                v = &v[end..];
            }
            match v.strip_prefix(',') {
                Some(more) => {
                    value.push(',');
                    v = more;
                }
                None => break,
            }
        }
        params.push((pname, value));
        rest = v;
    }
    let value = rest
        .strip_prefix(':')
        .ok_or_else(|| bad("no ':' before the value"))?;
    Ok(Prop {
        name,
        params,
        value: value.to_string(),
        line: line.no,
    })
}

/// A component's own properties (not those of components inside it).
struct Component {
    line: usize,
    props: Vec<Prop>,
}

impl Component {
    fn get(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Prop> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }
}

struct VTimezone {
    comp: Component,
    /// STANDARD and DAYLIGHT parts.
    parts: Vec<Component>,
}

struct Calendar {
    events: Vec<Component>,
    timezones: Vec<VTimezone>,
}

fn components(lines: &[Line]) -> Result<Calendar, Located> {
    let mut cal = Calendar {
        events: Vec::new(),
        timezones: Vec::new(),
    };
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut seen_calendar = false;
    for line in lines {
        let prop = parse_prop(line)?;
        match prop.name.as_str() {
            "BEGIN" => {
                let kind = prop.value.trim().to_ascii_uppercase();
                let parent = stack.last().map(|(k, _)| k.as_str());
                match (parent, kind.as_str()) {
                    (None, "VCALENDAR") => seen_calendar = true,
                    (None, _) => {
                        return Err((line.no, format!("BEGIN:{kind} outside BEGIN:VCALENDAR")));
                    }
                    (Some("VCALENDAR"), "VEVENT") => cal.events.push(Component {
                        line: line.no,
                        props: Vec::new(),
                    }),
                    (Some("VCALENDAR"), "VTIMEZONE") => cal.timezones.push(VTimezone {
                        comp: Component {
                            line: line.no,
                            props: Vec::new(),
                        },
                        parts: Vec::new(),
                    }),
                    (Some("VTIMEZONE"), "STANDARD" | "DAYLIGHT") => {
                        if let Some(tz) = cal.timezones.last_mut() {
                            tz.parts.push(Component {
                                line: line.no,
                                props: Vec::new(),
                            });
                        }
                    }
                    _ => {}
                }
                if stack.len() >= 16 {
                    return Err((line.no, "components nested more than 16 deep".into()));
                }
                stack.push((kind, line.no));
            }
            "END" => {
                let kind = prop.value.trim().to_ascii_uppercase();
                match stack.pop() {
                    Some((open, _)) if open == kind => {}
                    Some((open, at)) => {
                        return Err((
                            line.no,
                            format!("END:{kind} does not close BEGIN:{open} (line {at})"),
                        ));
                    }
                    None => return Err((line.no, format!("END:{kind} without a BEGIN"))),
                }
            }
            _ => {
                let here: Vec<&str> = stack.iter().map(|(k, _)| k.as_str()).collect();
                let target = match here.as_slice() {
                    ["VCALENDAR", "VEVENT"] => cal.events.last_mut(),
                    ["VCALENDAR", "VTIMEZONE"] => cal.timezones.last_mut().map(|t| &mut t.comp),
                    ["VCALENDAR", "VTIMEZONE", _] => {
                        cal.timezones.last_mut().and_then(|t| t.parts.last_mut())
                    }
                    _ => None,
                };
                if let Some(c) = target {
                    c.props.push(prop);
                }
            }
        }
    }
    if let Some((open, at)) = stack.pop() {
        return Err((at, format!("BEGIN:{open} is never closed")));
    }
    if !seen_calendar {
        return Err((1, "not an iCalendar file: no BEGIN:VCALENDAR".into()));
    }
    Ok(cal)
}

// ---------------------------------------------------------------------------
// Date-times and time zones

#[derive(Debug, Clone, PartialEq, Eq)]
enum ZoneRef {
    Utc,
    Floating,
    Tzid(String),
}

/// A DATE or DATE-TIME value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct When {
    wall: NaiveDateTime,
    zone: ZoneRef,
    date_only: bool,
    line: usize,
}

fn parse_when_value(v: &str, prop: &Prop) -> Result<When, Located> {
    let v = v.trim();
    // RDATE;VALUE=PERIOD: the start is what we need.
    let v = v.split('/').next().unwrap_or(v);
    let bad = || {
        (
            prop.line,
            format!("{} value \"{v}\" is not a date or date-time", prop.name),
        )
    };
    let date_only = prop
        .param("VALUE")
        .is_some_and(|x| x.eq_ignore_ascii_case("DATE"))
        || v.len() == 8;
    let (body, utc) = match v.strip_suffix(['Z', 'z']) {
        Some(b) => (b, true),
        None => (v, false),
    };
    let wall = if date_only {
        NaiveDate::parse_from_str(body, "%Y%m%d")
            .map_err(|_| bad())?
            .and_time(chrono::NaiveTime::MIN)
    } else {
        NaiveDateTime::parse_from_str(body, "%Y%m%dT%H%M%S").map_err(|_| bad())?
    };
    let zone = match (utc, prop.param("TZID")) {
        (true, _) => ZoneRef::Utc,
        (false, Some(id)) if !date_only => ZoneRef::Tzid(id.trim().to_string()),
        _ => ZoneRef::Floating,
    };
    Ok(When {
        wall,
        zone,
        date_only,
        line: prop.line,
    })
}

fn parse_when(prop: &Prop) -> Result<When, Located> {
    parse_when_value(&prop.value, prop)
}

fn parse_when_list(prop: &Prop) -> Result<Vec<When>, Located> {
    prop.value
        .split(',')
        .filter(|v| !v.trim().is_empty())
        .map(|v| parse_when_value(v, prop))
        .collect()
}

/// `+0200`, `-0530` or `+013045` as seconds.
fn parse_utc_offset(prop: &Prop) -> Result<i32, Located> {
    let v = prop.value.trim();
    let bad = || {
        (
            prop.line,
            format!("{} value \"{v}\" is not an offset like +0200", prop.name),
        )
    };
    let (sign, digits) = match v.as_bytes().first() {
        Some(b'+') => (1, &v[1..]),
        Some(b'-') => (-1, &v[1..]),
        _ => return Err(bad()),
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n = |r: std::ops::Range<usize>| {
        digits
            .get(r)
            .and_then(|d| d.parse::<i32>().ok())
            .unwrap_or(0)
    };
    Ok(sign * (n(0..2) * 3600 + n(2..4) * 60 + n(4..6)))
}

/// `PT1H30M`, `P1D`, `P2W`, `-PT15M` as seconds.
fn parse_duration(prop: &Prop) -> Result<i64, Located> {
    let v = prop.value.trim();
    let bad = || {
        (
            prop.line,
            format!("DURATION value \"{v}\" is not a duration like PT1H30M"),
        )
    };
    let (sign, body) = match v.as_bytes().first() {
        Some(b'-') => (-1, &v[1..]),
        Some(b'+') => (1, &v[1..]),
        _ => (1, v),
    };
    let body = body.strip_prefix('P').ok_or_else(bad)?;
    let (mut total, mut num, mut in_time, mut any) = (0i64, String::new(), false, false);
    for c in body.chars() {
        match c {
            '0'..='9' => num.push(c),
            'T' if !in_time && num.is_empty() => in_time = true,
            _ => {
                let n: i64 = num.parse().map_err(|_| bad())?;
                num.clear();
                let unit = match (c, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return Err(bad()),
                };
                total = n
                    .checked_mul(unit)
                    .and_then(|x| x.checked_add(total))
                    .ok_or_else(bad)?;
                any = true;
            }
        }
    }
    if !num.is_empty() || !any {
        return Err(bad());
    }
    Ok(sign * total)
}

/// Every TZID a file may name, resolved.
struct Zones {
    by_id: HashMap<String, Zone>,
    floating: Zone,
}

impl Zones {
    fn new(timezones: &[VTimezone], window: &Window) -> Result<Zones, Located> {
        let mut by_id = HashMap::new();
        for tz in timezones {
            let Some(id) = tz.comp.get("TZID") else {
                return Err((tz.comp.line, "VTIMEZONE has no TZID".into()));
            };
            let id = id.value.trim().to_string();
            let zone = match iana(&id).or_else(|| {
                tz.comp
                    .get("X-LIC-LOCATION")
                    .and_then(|p| iana(p.value.trim()))
            }) {
                Some(z) => z,
                None => Zone::Rules(Arc::new(rules(&id, tz, window)?)),
            };
            by_id.insert(id, zone);
        }
        Ok(Zones {
            by_id,
            floating: window.zone.clone(),
        })
    }

    fn zone(&self, r: &ZoneRef, line: usize) -> Result<Zone, Located> {
        match r {
            ZoneRef::Utc => Ok(Zone::utc()),
            ZoneRef::Floating => Ok(self.floating.clone()),
            ZoneRef::Tzid(id) => self.by_id.get(id).cloned().or_else(|| iana(id)).ok_or_else(|| {
                (
                    line,
                    format!("unknown time zone \"{id}\": not an IANA name and no VTIMEZONE defines it"),
                )
            }),
        }
    }

    fn instant(&self, w: &When) -> Result<i64, Located> {
        Ok(self.zone(&w.zone, w.line)?.to_instant(w.wall))
    }
}

/// An IANA zone from a TZID, also from globally unique ones such as
/// `/mozilla.org/20050126_1/Europe/Berlin`.
fn iana(id: &str) -> Option<Zone> {
    Zone::named(id).or_else(|| {
        id.match_indices('/')
            .map(|(i, _)| &id[i + 1..])
            .find_map(Zone::named)
    })
}

/// A VTIMEZONE's transitions, expanded to a year past the window.
fn rules(id: &str, tz: &VTimezone, window: &Window) -> Result<ZoneRules, Located> {
    let hi = NaiveDate::from_ymd_opt(window.until.year() + 2, 1, 1)
        .unwrap_or(window.until)
        .and_time(chrono::NaiveTime::MIN);
    let mut transitions = Vec::new();
    for part in &tz.parts {
        let need = |name: &str| {
            part.get(name)
                .ok_or_else(|| (part.line, format!("VTIMEZONE \"{id}\" part has no {name}")))
        };
        let start = parse_when(need("DTSTART")?)?;
        let from = parse_utc_offset(need("TZOFFSETFROM")?)?;
        let to = parse_utc_offset(need("TZOFFSETTO")?)?;
        let mut onsets = vec![start.wall];
        if let Some(rule) = part.get("RRULE") {
            onsets = expand(&rule.value, start.wall, |t| wall_at(t, from), hi)
                .map_err(|e| (rule.line, e))?;
        }
        for rdate in part.all("RDATE") {
            onsets.extend(parse_when_list(rdate)?.into_iter().map(|w| w.wall));
        }
        transitions.extend(
            onsets
                .into_iter()
                .map(|onset| Transition { onset, from, to }),
        );
    }
    if transitions.is_empty() {
        return Err((
            tz.comp.line,
            format!("VTIMEZONE \"{id}\" has no STANDARD or DAYLIGHT part"),
        ));
    }
    Ok(ZoneRules::new(id.to_string(), transitions))
}

fn wall_at(t: i64, offset: i32) -> NaiveDateTime {
    super::zone::utc_wall(t) + Duration::seconds(i64::from(offset))
}

/// The wall-clock starts of a recurrence rule from `start` up to `hi`.
/// The rule is expanded in the event's own wall clock, as RFC 5545 asks, so
/// a 09:00 meeting stays at 09:00 across daylight-saving changes. A UTC
/// `UNTIL` is turned into that wall clock with `until_wall`.
fn expand(
    rule: &str,
    start: NaiveDateTime,
    until_wall: impl Fn(i64) -> NaiveDateTime,
    hi: NaiveDateTime,
) -> Result<Vec<NaiveDateTime>, String> {
    let mut parts = Vec::new();
    for part in rule.trim().split(';').filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("UNTIL") => {
                let v = v.trim();
                let wall = if let Some(utc) = v.strip_suffix(['Z', 'z']) {
                    let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
                        .map_err(|_| format!("RRULE UNTIL \"{v}\" is not a date-time"))?;
                    until_wall(t.and_utc().timestamp())
                } else if v.len() == 8 {
                    NaiveDate::parse_from_str(v, "%Y%m%d")
                        .map_err(|_| format!("RRULE UNTIL \"{v}\" is not a date"))?
                        .and_hms_opt(23, 59, 59)
                        .unwrap_or_default()
                } else {
                    NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S")
                        .map_err(|_| format!("RRULE UNTIL \"{v}\" is not a date-time"))?
                };
                // The rule never reaches back before its start.
                let wall = wall.max(start);
                parts.push(format!("UNTIL={}Z", wall.format("%Y%m%dT%H%M%S")));
            }
            _ => parts.push(part.to_string()),
        }
    }
    let rule_text = parts.join(";");
    let unvalidated: rrule::RRule<rrule::Unvalidated> = rule_text
        .parse()
        .map_err(|e| format!("RRULE \"{}\": {e}", rule.trim()))?;
    let dtstart = rrule::Tz::UTC.from_utc_datetime(&start);
    let set = unvalidated
        .build(dtstart)
        .map_err(|e| format!("RRULE \"{}\": {e}", rule.trim()))?;
    let mut out = Vec::new();
    for dt in &set {
        let wall = dt.naive_utc();
        if wall > hi {
            break;
        }
        if out.len() >= MAX_SERIES_OCCURRENCES {
            return Err(format!(
                "RRULE \"{}\" gives more than {MAX_SERIES_OCCURRENCES} occurrences before the window ends",
                rule.trim()
            ));
        }
        out.push(wall);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Events

/// What an event says about itself, read once.
struct Event {
    line: usize,
    uid: Option<String>,
    start: When,
    end: Option<When>,
    duration: Option<i64>,
    rrule: Option<(String, usize)>,
    rdates: Vec<When>,
    exdates: Vec<When>,
    recurrence_id: Option<When>,
    cancelled: bool,
    transparent: bool,
    declined: bool,
    people: usize,
}

impl Event {
    fn read(c: &Component, me: &[String]) -> Result<Event, Located> {
        let start = parse_when(
            c.get("DTSTART")
                .ok_or_else(|| (c.line, "VEVENT has no DTSTART".to_string()))?,
        )?;
        let flag = |name: &str, value: &str| {
            c.get(name)
                .is_some_and(|p| p.value.trim().eq_ignore_ascii_case(value))
        };
        let mut people = BTreeSet::new();
        let mut declined = false;
        for a in c.all("ATTENDEE") {
            let addrs = addresses(a);
            let kind = a.param("CUTYPE").unwrap_or("INDIVIDUAL");
            let person =
                !kind.eq_ignore_ascii_case("ROOM") && !kind.eq_ignore_ascii_case("RESOURCE");
            if let (true, Some(first)) = (person, addrs.first()) {
                people.insert(first.clone());
            }
            let mine = addrs
                .iter()
                .any(|x| me.iter().any(|m| m.eq_ignore_ascii_case(x)));
            if mine
                && a.param("PARTSTAT")
                    .is_some_and(|p| p.eq_ignore_ascii_case("DECLINED"))
            {
                declined = true;
            }
        }
        if let Some(first) = c
            .get("ORGANIZER")
            .and_then(|o| addresses(o).into_iter().next())
        {
            let known = people
                .iter()
                .any(|p: &String| p.eq_ignore_ascii_case(&first));
            if !known {
                people.insert(first);
            }
        }
        let mut rdates = Vec::new();
        for p in c.all("RDATE") {
            rdates.extend(parse_when_list(p)?);
        }
        let mut exdates = Vec::new();
        for p in c.all("EXDATE") {
            exdates.extend(parse_when_list(p)?);
        }
        Ok(Event {
            line: c.line,
            uid: c.get("UID").map(|p| p.value.trim().to_string()),
            start,
            end: c.get("DTEND").map(parse_when).transpose()?,
            duration: c.get("DURATION").map(parse_duration).transpose()?,
            rrule: c.get("RRULE").map(|p| (p.value.clone(), p.line)),
            rdates,
            exdates,
            recurrence_id: c.get("RECURRENCE-ID").map(parse_when).transpose()?,
            cancelled: flag("STATUS", "CANCELLED"),
            transparent: flag("TRANSP", "TRANSPARENT"),
            declined,
            people: people.len(),
        })
    }

    /// Whether occurrences of this event are time I spend in meetings.
    fn counts(&self) -> bool {
        !self.cancelled && !self.transparent && !self.declined && !self.start.date_only
    }

    fn one_on_one(&self) -> bool {
        self.people == 2
    }

    /// Length in seconds: DTEND - DTSTART, else DURATION, else none.
    fn length(&self, zones: &Zones, start: i64) -> Result<i64, Located> {
        let len = match (&self.end, self.duration) {
            (Some(end), _) => zones.instant(end)? - start,
            (None, Some(d)) => d,
            (None, None) => 0,
        };
        Ok(len.max(0))
    }
}

/// The addresses an ATTENDEE or ORGANIZER names, lowercased: the `mailto:`
/// value and any `EMAIL` parameter (Apple writes both).
fn addresses(p: &Prop) -> Vec<String> {
    let v = p.value.trim();
    let mut out = Vec::new();
    let lower = v.to_ascii_lowercase();
    out.push(lower.strip_prefix("mailto:").unwrap_or(&lower).to_string());
    if let Some(e) = p.param("EMAIL") {
        out.push(e.trim().to_ascii_lowercase());
    }
    out
}

fn expand_all(events: &[Event], zones: &Zones, window: &Window) -> Result<Occurrences, Located> {
    // Events sharing a UID are one series: its master and its overrides.
    let mut groups: Vec<(Vec<&Event>, Vec<&Event>)> = Vec::new();
    let mut by_uid: HashMap<&str, usize> = HashMap::new();
    for e in events {
        let slot = match e.uid.as_deref() {
            Some(uid) => *by_uid.entry(uid).or_insert_with(|| {
                groups.push((Vec::new(), Vec::new()));
                groups.len() - 1
            }),
            None => {
                groups.push((Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if e.recurrence_id.is_some() {
            groups[slot].1.push(e);
        } else {
            groups[slot].0.push(e);
        }
    }
    let hi = super::zone::utc_wall(window.end) + Duration::days(2);
    let mut out = Occurrences::default();
    for (masters, overrides) in groups {
        series(&masters, &overrides, zones, hi, &mut out)?;
        if out.counted.len() > MAX_FILE_OCCURRENCES {
            return Err((
                masters.first().or(overrides.first()).map_or(1, |e| e.line),
                format!("more than {MAX_FILE_OCCURRENCES} occurrences before the window ends"),
            ));
        }
    }
    Ok(out)
}

/// One series: a master's occurrences with its exceptions and overrides.
fn series(
    masters: &[&Event],
    overrides: &[&Event],
    zones: &Zones,
    hi: NaiveDateTime,
    out: &mut Occurrences,
) -> Result<(), Located> {
    let mut rid_of: HashMap<i64, &Event> = HashMap::new();
    for o in overrides {
        if let Some(rid) = &o.recurrence_id {
            rid_of.insert(zones.instant(rid)?, o);
        }
    }
    let mut one_on_one_series = false;
    for m in masters {
        if m.start.date_only {
            // All-day events and their overrides never count.
            rid_of.clear();
            continue;
        }
        let recurring = m.rrule.is_some() || !m.rdates.is_empty();
        one_on_one_series |= recurring && m.one_on_one();
        let is_series_one_on_one = recurring && m.one_on_one();
        let zone = zones.zone(&m.start.zone, m.start.line)?;
        let first = zone.to_instant(m.start.wall);
        let length = m.length(zones, first)?;
        let mut starts: Vec<i64> = match &m.rrule {
            Some((rule, line)) => expand(rule, m.start.wall, |t| zone.to_wall(t), hi)
                .map_err(|e| (*line, e))?
                .into_iter()
                .map(|w| zone.to_instant(w))
                .collect(),
            None => vec![first],
        };
        for r in &m.rdates {
            starts.push(zones.instant(r)?);
        }
        starts.sort_unstable();
        starts.dedup();
        let mut excluded = BTreeSet::new();
        let mut excluded_days = BTreeSet::new();
        for x in &m.exdates {
            if x.date_only {
                excluded_days.insert(x.wall.date());
            } else {
                excluded.insert(zones.instant(x)?);
            }
        }
        for t in starts {
            if excluded.contains(&t) || excluded_days.contains(&zone.to_wall(t).date()) {
                rid_of.remove(&t);
                if is_series_one_on_one {
                    out.moved.push(t);
                }
                continue;
            }
            if let Some(o) = rid_of.remove(&t) {
                apply_override(o, t, is_series_one_on_one, zones, length, out)?;
                continue;
            }
            if m.counts() {
                out.counted.push(Occurrence {
                    start: t,
                    end: t + length,
                    one_on_one: m.one_on_one(),
                });
            }
        }
    }
    // Overrides whose occurrence the master does not produce (or without a
    // master in this file) still happened.
    let mut rest: Vec<(i64, &Event)> = rid_of.into_iter().collect();
    rest.sort_unstable_by_key(|(t, _)| *t);
    let default_length = masters
        .iter()
        .find(|m| !m.start.date_only)
        .map(|m| zones.instant(&m.start).and_then(|s| m.length(zones, s)))
        .transpose()?
        .unwrap_or(0);
    for (t, o) in rest {
        apply_override(o, t, one_on_one_series, zones, default_length, out)?;
    }
    Ok(())
}

/// An override replaces one occurrence: cancelled, moved, or changed.
fn apply_override(
    o: &Event,
    original: i64,
    one_on_one_series: bool,
    zones: &Zones,
    master_length: i64,
    out: &mut Occurrences,
) -> Result<(), Located> {
    if o.cancelled {
        if one_on_one_series {
            out.moved.push(original);
        }
        return Ok(());
    }
    if o.start.date_only {
        return Ok(());
    }
    let start = zones.instant(&o.start)?;
    if one_on_one_series && start != original {
        out.moved.push(original);
    }
    if o.counts() {
        let length = if o.end.is_some() || o.duration.is_some() {
            o.length(zones, start)?
        } else {
            master_length
        };
        out.counted.push(Occurrence {
            start,
            end: start + length,
            one_on_one: o.one_on_one(),
        });
    }
    Ok(())
}
