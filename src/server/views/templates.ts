/**
 * The site's pages as Eta templates (`<%= %>` escapes). Kept as strings so the build ships them
 * with the code. No inline script or style anywhere: the CSP forbids both.
 */
export const TEMPLATES: Record<string, string> = {
  '@layout': `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.pageTitle %> · <%= it.siteTitle %></title>
<link rel="stylesheet" href="/static/site.css?v=<%= it.cssHash %>">
<link rel="alternate" type="application/rss+xml" title="<%= it.siteTitle %>" href="/feed.xml">
<meta name="referrer" content="no-referrer">
</head><body>
<header class="site-header"><a href="/"><%= it.siteTitle %></a></header>
<main<% if (it.wide) { %> class="wide"<% } %>><%~ it.body %></main>
<footer><a href="/archive">Archive</a> · <a href="/feed.xml">RSS</a></footer>
</body></html>`,

  '@topics': `<% const groups = (it.topicGroups ?? [{ label: null, topics: it.catalogue }]).filter((g) => g.topics.length > 0); %><% if (groups.length > 0) { %><fieldset><legend>Topics</legend>
<% for (const g of groups) { %><% if (g.label) { %><p class="topic-group"><%= g.label %></p><% } %><div class="choices">
<% for (const t of g.topics) { %><label class="choice"<% if (t.description) { %> title="<%= t.description %>"<% } %>><input type="checkbox" name="topics" value="<%= t.slug %>"<% if (it.selected.includes(t.slug)) { %> checked<% } %>> <%= t.label %></label>
<% } %></div>
<% } %><p class="hint">Choose none to get every topic, including new ones. With a few topics, an edition with no paper of them sends you nothing.</p></fieldset><% } %>
<fieldset><legend>How often</legend><div class="choices">
<label class="choice"><input type="radio" name="frequency" value="daily"<% if (it.frequency !== 'weekly') { %> checked<% } %>> Daily</label>
<label class="choice"><input type="radio" name="frequency" value="weekly"<% if (it.frequency === 'weekly') { %> checked<% } %>> Weekly</label>
</div></fieldset>`,

  '@subscribe-form': `<form method="post" action="/subscribe" class="card">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<% if (it.keep) { %><input type="hidden" name="keep" value="1"><% } %>
<label for="email">Email address</label>
<input id="email" type="email" name="email" required maxlength="254" autocomplete="email" value="<%= it.email ?? '' %>"<% if (it.emailError) { %> aria-invalid="true" aria-describedby="email-error"<% } %>>
<% if (it.emailError) { %><p id="email-error" class="field-error"><%= it.emailError %></p><% } %>
<div class="hp" aria-hidden="true"><label for="website">Leave this empty</label><input id="website" type="text" name="website" tabindex="-1" autocomplete="off"></div>
<% if (it.catalogue) { %><%~ include('@topics', { catalogue: it.catalogue, topicGroups: it.topicGroups, selected: it.selected ?? [], frequency: it.frequency }) %><% } %>
<div class="actions"><button type="submit"><%= it.button ?? 'Subscribe' %></button></div>
</form>`,

  '@index': `<% layout('@layout', it) %>
<h1>Trending research papers, in your inbox</h1>
<p class="lead">A short digest of the papers people are talking about, grouped by topic. Confirm by email; leave with one click.</p>
<% if (it.message) { %><p class="notice error" role="alert"><%= it.message %></p><% } %>
<%~ include('@subscribe-form', it) %>
<% if (it.sample) { %><section class="sample card" aria-labelledby="sample-title">
<h2 id="sample-title">What a letter looks like</h2>
<p class="meta">From the <%= it.sample.frequency %> letter of <%= it.sample.date %> · <%= it.sample.countsText %></p>
<% for (const s of it.sample.sections) { %><% if (s.heading !== false) { %><h3><%= s.label %></h3><% } %><ol class="papers">
<% for (const p of s.papers) { %><%~ include('@paper', { p }) %><% } %></ol><% } %>
<p><a href="<%= it.sample.url %>">Read the whole edition</a> · <a href="/archive">Archive</a></p>
</section><% } %>`,

  '@message': `<% layout('@layout', it) %>
<h1><%= it.pageTitle %></h1>
<% for (const line of it.lines) { %><p><%= line %></p><% } %>
<% if (it.link) { %><p><a href="<%= it.link.href %>"><%= it.link.text %></a></p><% } %>
<% if (it.askAgain) { %><h2>Ask for a new link</h2><%~ include('@subscribe-form', { csrf: it.csrf, button: 'Send me a new link', keep: true }) %><% } %>`,

  '@preferences': `<% layout('@layout', it) %>
<h1>Your subscription</h1>
<p class="lead"><%= it.email %> · <%= it.statusText %></p>
<% if (it.notice) { %><p class="notice" role="status"><%= it.notice %></p><% } %>
<% if (it.error) { %><p class="notice error" role="alert"><%= it.error %></p><% } %>
<% if (it.active) { %>
<form method="post" action="<%= it.action %>" class="card">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<%~ include('@topics', it) %>
<div class="actions"><button type="submit" name="action" value="save">Save preferences</button></div>
</form>
<form method="post" action="<%= it.action %>" class="card">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<p>Need a break? Pausing stops the mails until you resume here. Leaving unsubscribes you.</p>
<div class="actions"><button type="submit" name="action" value="pause" class="secondary">Pause</button>
<button type="submit" name="action" value="leave" class="danger">Unsubscribe</button></div>
</form>
<% } else if (it.canResume) { %>
<form method="post" action="<%= it.action %>" class="card">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<p><%= it.paused ? 'Your subscription is paused.' : 'You are not receiving the digest.' %></p>
<div class="actions"><button type="submit" name="action" value="resume"><%= it.paused ? 'Resume' : 'Subscribe again' %></button></div>
</form>
<% } %>`,

  '@unsubscribe': `<% layout('@layout', it) %>
<h1><%= it.pageTitle %></h1>
<p><%= it.question %></p>
<form method="post" action="<%= it.action %>" class="card">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<div class="actions"><button type="submit" name="confirm" value="yes"<% if (!it.primary) { %> class="danger"<% } %>><%= it.button %></button></div>
</form>`,

  '@archive': `<% layout('@layout', it) %>
<h1>Archive</h1>
<% if (it.editions.length === 0) { %><p>No edition yet.</p><% } %>
<ul class="editions"><% for (const e of it.editions) { %>
<li><a href="/archive/<%= encodeURIComponent(e.id) %>"><%= e.dateText %> · <%= e.frequency %></a> <span class="meta"><%= e.countsText %></span></li>
<% } %></ul>`,

  '@paper': `<li class="paper"><h3><a href="<%= it.p.url %>" rel="noopener nofollow"><%= it.p.title %></a></h3>
<% if (it.p.authors) { %><p class="meta authors"><%= it.p.authors %></p><% } %>
<% if (it.p.why) { %><p class="meta why"><%= it.p.why %></p><% } %>
<% if (it.p.summary) { %><p class="summary"><%= it.p.summary %></p><% } %>
<% if (it.p.links.length > 0) { %><p class="links"><% it.p.links.forEach(function (l, i) { %><% if (i > 0) { %> · <% } %><a href="<%= l.url %>" rel="noopener nofollow"><%= l.label %></a><% }) %></p><% } %>
</li>`,

  '@edition': `<% layout('@layout', it) %>
<h1><%= it.heading %> <span class="nowrap"><%= it.headingDate %></span></h1>
<p class="lead"><%= it.countsText %><% if (it.letterUrl) { %> · <a href="<%= it.letterUrl %>">Read the letter as it was sent</a><% } %></p>
<% if (it.web.sections.length > 1) { %><nav class="toc" aria-label="Topics"><% it.web.sections.forEach(function (s, i) { %><% if (i > 0) { %>&nbsp;· <% } %><a href="#<%= s.anchor %>"><%= s.label %></a>&nbsp;<span class="count">(<%= s.inLetter.length + s.webOnly.length %>)</span><% }) %></nav><% } %>
<% for (const s of it.web.sections) { %><section class="topic" id="<%= s.anchor %>"><% if (s.heading !== false) { %><h2><%= s.label %></h2><% } %>
<% if (s.inLetter.length > 0) { %><ol class="papers"><% for (const p of s.inLetter) { %><%~ include('@paper', { p }) %><% } %></ol><% } %>
<% if (s.webOnly.length > 0) { %><% if (s.inLetter.length > 0) { %><h3 class="more-head"><% if (s.heading !== false && !s.catchAll) { %>More in <%= s.label %> (<%= s.webOnly.length %>), not in the letter<% } else { %>Not in the letter (<%= s.webOnly.length %>)<% } %></h3><% } else { %><p class="meta">Not in the letter (<%= s.webOnly.length %>)</p><% } %>
<ol class="papers web-only"><% for (const p of s.webOnly) { %><%~ include('@paper', { p }) %><% } %></ol><% } %>
</section><% } %>`,
};
