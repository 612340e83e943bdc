// Reads an iCalendar feed on stdin with Mozilla's ical.js and prints its events as JSON, times in UTC. Zones come only
// from the feed's own VTIMEZONE components, as a calendar client resolves them: a TZID without its definition stays
// floating and would come out wrong, which is what the tests are for.
import ICAL from 'ical.js';

let text = '';
for await (const chunk of process.stdin) text += chunk;
const calendar = new ICAL.Component(ICAL.parse(text));
const zones = calendar.getAllSubcomponents('vtimezone').map(zone => new ICAL.Timezone(zone));
for (const zone of zones) ICAL.TimezoneService.register(zone);
const events = calendar.getAllSubcomponents('vevent').map(component => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    status: component.getFirstPropertyValue('status'),
    sequence: event.sequence,
    startUtc: event.startDate.toJSDate().toISOString(),
    endUtc: event.endDate.toJSDate().toISOString(),
    startZone: event.startDate.zone ? event.startDate.zone.tzid : null,
  };
});
process.stdout.write(JSON.stringify({ zones: zones.map(z => z.tzid), events }));
