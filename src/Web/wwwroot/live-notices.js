// Shows notices that arrive while the inbox page is open (server-sent events from /my/notices/live). After a lost
// connection the page reloads its list from the inbox, which holds everything, so nothing is missed.
(() => {
  const box = document.getElementById('live-notices');
  if (!box || !window.EventSource) return;
  const source = new EventSource('/my/notices/live');
  let lost = false;
  const seen = new Set(); // a notice pushed twice (at least once delivery) shows once
  source.onopen = () => { if (lost) location.reload(); box.dataset.connected = 'true'; };
  source.onerror = () => { lost = true; };
  source.addEventListener('unavailable', () => source.close());
  source.onmessage = event => {
    const notice = JSON.parse(event.data);
    if (seen.has(notice.id)) return;
    seen.add(notice.id);
    const line = document.createElement('p');
    line.className = 'live-notice' + (notice.urgent ? ' urgent' : '');
    const title = document.createElement('strong');
    title.textContent = `${box.dataset.label} ${notice.title}`;
    line.append(title, document.createElement('br'), notice.body);
    box.prepend(line);
  };
})();
